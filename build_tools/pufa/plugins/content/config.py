"""Settings of the pufa plugin, grouped as staff think of them (mkdocs.yml)."""
from mkdocs.config import base
from mkdocs.config import config_options as c


class BureauConfig(base.Config):
    name = c.Type(str, default="")          # 单位名称，如 云溪区司法局
    address = c.Type(str, default="")       # 地址
    hotline = c.Type(str, default="12348")  # 公共法律服务热线
    phone = c.Type(str, default="")         # 办公电话
    email = c.Type(str, default="")


class FilingConfig(base.Config):
    icp = c.Type(str, default="")           # ICP 备案号，如 京ICP备12345678号
    police = c.Type(str, default="")        # 公安备案号，如 京公网安备11010502030000号


class GovConfig(base.Config):
    # 政府网站（government: true）：检查指标要求每页和页脚都有的信息。
    site_code = c.Type(str, default="")     # 网站标识码（10 位）
    host = c.Type(str, default="")          # 主办单位，默认用 bureau.name
    badge = c.Type(str, default="")         # 党政机关网站标识图片（content 里的路径）
    badge_link = c.Type(str, default="")    # 标识的核验链接
    report_url = c.Type(str, default="")    # 「我为政府网站找错」链接
    contact = c.Type(str, default="")       # 联系方式（电话、邮箱）


class HomeConfig(base.Config):
    lessons = c.Type(int, default=6)        # 首页显示最新普法课堂的数量
    guides = c.Type(int, default=6)
    questions = c.Type(int, default=5)      # 首页「群众常问」显示的法律咨询数量（0 表示不显示）


class SearchConfig(base.Config):
    # 搜索页上「常用搜索」的词：点一下就搜（一体机的触摸屏上不用打字）。写空列表 [] 不显示。
    suggestions = c.ListOfItems(c.Type(str), default=[
        "法律援助", "离婚", "拖欠工资", "交通事故", "借钱不还", "遗嘱", "家庭暴力", "醉驾"])


class KioskConfig(base.Config):
    # PIN of the usage page (网址/usage/) on kiosks. A convenience, not security:
    # the counts live in the kiosk's own browser and the page is public.
    pin = c.Type(str, default="")


class PufaConfig(base.Config):
    # 网站所在的省（自治区、直辖市），如 浙江：本省的地方性法规排在其他省的前面。
    region = c.Type(str, default="")
    bureau = c.SubConfig(BureauConfig)
    filing = c.SubConfig(FilingConfig)
    # 政府网站：页面带检查用的 meta 标签、页脚带标识和找错链接，pufa check 查栏目更新。
    government = c.Type(bool, default=False)
    gov = c.SubConfig(GovConfig)
    home = c.SubConfig(HomeConfig)
    search = c.SubConfig(SearchConfig)
    kiosk = c.SubConfig(KioskConfig)
    # Stop the build on content errors (pufa check runs the same checks).
    strict_content = c.Type(bool, default=True)
