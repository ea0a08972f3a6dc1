"""The content types staff write: their folders, fields and allowed values.

Plain data, no MkDocs: the schema validator, the `pufa new` archetypes, the
templates and the docs all read these definitions.  Field names are English
(as in the YAML the samples use); every field also accepts its Chinese label
as the key, because staff type what they read on the page (``标题: ……``).
"""
from __future__ import annotations

from dataclasses import dataclass

# Field kinds understood by the validator (see validate.py).
TEXT = "text"            # one line or a paragraph of text
DATE = "date"            # YYYY-MM-DD that exists
PARTIAL_DATE = "partial-date"  # YYYY, YYYY-MM or YYYY-MM-DD (history events)
INT = "int"
BOOL = "bool"
CHOICE = "choice"        # one of `choices`
CHOICES = "choices"      # a list, each one of `choices`
TEXT_LIST = "text-list"  # a list of text items
PHONE = "phone"          # a phone number, or a list of them
PAGES = "pages"          # a list of content paths (lessons/x.md)
FAQ = "faq"              # a list of {问: …, 答: …}
PHOTOS = "photos"        # a list of {src: …, alt: …}
FORMS = "forms"          # a list of {file: …, title: …}: files to download (申请表)


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = TEXT
    required: bool = False
    # Recommended fields give a warning, not an error, when missing.
    recommended: bool = False
    choices: tuple[str, ...] = ()
    help: str = ""
    # What `pufa new` writes; placeholders are what `pufa check` flags.
    example: object = None
    min_value: int | None = None
    max_value: int | None = None


@dataclass(frozen=True)
class ContentType:
    key: str            # used on the command line: pufa new lesson …
    folder: str         # folder under content/
    label: str          # Chinese name of the section
    description: str
    fields: tuple[Field, ...]
    # The date a listing sorts by (newest first).
    sort_field: str = "date"
    # Fields a listing page offers as filters.
    filters: tuple[str, ...] = ()
    # Fields shown as chips on a card.
    card_fields: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    # Pages get a printable poster on the site (publicity, not contact details).
    posters: bool = True

    @property
    def template(self) -> str:
        return f"pufa/{self.key}.html"

    def field(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None

    def field_names(self) -> dict[str, Field]:
        """Both English names and Chinese labels, mapped to their field."""
        names: dict[str, Field] = {}
        for f in self.fields:
            names[f.name] = f
            names[f.label] = f
        return names


def _common(summary_help: str = "一两句话说明这一页讲什么，显示在列表卡片上") -> tuple[Field, ...]:
    return (
        Field("title", "标题", required=True, help="页面标题", example="{title}"),
        Field("date", "日期", DATE, required=True, help="发布日期，格式 2024-05-01",
              example="{today}"),
        Field("summary", "摘要", required=True, help=summary_help, example="待补充：一两句话的摘要"),
        Field("tags", "标签", TEXT_LIST, help="关键词，用于筛选", example=[]),
        Field("sample", "示例", BOOL, help="true 表示示例内容，页面上会标出「示例」"),
        Field("author", "作者", help="作者或供稿单位"),
        Field("draft", "草稿", BOOL, help="true 表示草稿，不会发布"),
        Field("description", "描述", help="搜索引擎摘要，不填则用摘要"),
    )


AUDIENCES = (
    "社会公众", "村民", "社区居民", "青少年", "学生家长", "老年人", "妇女",
    "企业职工", "企业经营者", "外来务工人员", "机关干部", "残疾人",
)

LESSON = ContentType(
    key="lesson",
    folder="lessons",
    label="普法课堂",
    description="讲解法律知识的普法文章，可选「以案释法」格式",
    fields=_common() + (
        Field("audience", "对象", CHOICES, required=True, choices=AUDIENCES,
              help="面向的人群，可以写多个", example=["社会公众"]),
        Field("laws", "法条", TEXT_LIST, required=True,
              help="引用的法律条文，如《中华人民共和国民法典》第一千零七十七条",
              example=["《中华人民共和国民法典》第xx条"]),
        Field("layout", "版式", CHOICE, choices=("普通", "以案释法"),
              help="以案释法：正文用「案情简介、争议焦点、法律分析、普法提示」四个二级标题"),
    ),
    filters=("audience", "tags"),
    card_fields=("audience",),
    aliases=("lessons", "课堂", "普法课堂"),
)

VILLAGE_LEVELS = ("全国", "省级", "市级", "区级")
REVIEW_STATUSES = ("保留", "复核中", "撤销")

VILLAGE = ContentType(
    key="village",
    folder="villages",
    label="民主法治示范村",
    description="民主法治示范村（社区）的介绍",
    fields=_common("一两句话介绍这个村（社区）的法治特色") + (
        Field("town", "镇街", required=True, help="所属镇（街道）", example="待补充"),
        Field("level", "级别", CHOICE, required=True, choices=VILLAGE_LEVELS,
              help="命名级别：全国、省级、市级、区级", example="区级"),
        Field("year_named", "命名年份", INT, required=True, min_value=2003, max_value=2100,
              help="被命名为示范村的年份", example=2020),
        Field("review_status", "复核状态", CHOICE, required=True, choices=REVIEW_STATUSES,
              help="动态复核结果：保留、复核中、撤销", example="保留"),
        Field("last_review", "最近复核", DATE, required=True,
              help="最近一次复核的日期", example="{today}"),
        Field("legal_adviser", "法律顾问", required=True,
              help="村（居）法律顾问姓名和单位", example="待补充"),
        Field("legal_literates", "法律明白人", INT, required=True, min_value=0, max_value=10000,
              help="「法律明白人」人数", example=0),
        Field("mediation_committee", "人民调解委员会", required=True,
              help="人民调解委员会的组成和工作情况", example="待补充"),
        Field("village_rules", "村规民约", required=True,
              help="村规民约（居民公约）的制定或修订情况", example="待补充"),
        Field("culture_sites", "法治文化阵地", TEXT_LIST,
              help="法治广场、法治长廊、法治书屋等", example=[]),
        Field("photos", "照片", PHOTOS, help="照片列表，每张写 src 和 alt（文字说明）"),
    ),
    filters=("town", "level", "review_status"),
    card_fields=("town", "level"),
    aliases=("villages", "示范村"),
)

PERIODS = (
    "新民主主义革命时期",
    "社会主义革命和建设时期",
    "改革开放和社会主义现代化建设新时期",
    "中国特色社会主义新时代",
)
STUDY_FORMATS = (
    "专题研讨", "红色课堂", "集中学习", "读书分享", "实地参观", "主题党日", "微党课", "知识竞赛",
)

PARTY_HISTORY = ContentType(
    key="party-history",
    folder="party-history",
    label="党史学习",
    description="党史学习教育笔记，按历史时期编入时间轴",
    fields=_common() + (
        Field("period", "时期", CHOICE, required=True, choices=PERIODS,
              help="历史时期（四个时期之一）", example=PERIODS[0]),
        Field("event_date", "事件日期", PARTIAL_DATE, required=True,
              help="所学史实的日期：1921-07-23，或只写年月 1921-07、年份 1921",
              example="待补充"),
        Field("event", "事件", help="所学史实的名称，显示在时间轴上"),
        Field("format", "学习形式", CHOICE, required=True, choices=STUDY_FORMATS,
              help="专题研讨、红色课堂、集中学习等", example="专题研讨"),
    ),
    sort_field="date",
    filters=("period", "format"),
    card_fields=("period", "format"),
    aliases=("history", "党史"),
)

GUIDE_SERVICES = ("法律援助", "人民调解", "行政复议", "公证", "公共法律服务热线", "社区矫正", "其他")

GUIDE = ContentType(
    key="guide",
    folder="guides",
    label="办事指南",
    description="公共法律服务事项的办事指南（参照 GB/T 39046 的要素）",
    fields=_common("一句话说明这个事项能办什么") + (
        Field("service", "服务类别", CHOICE, required=True, choices=GUIDE_SERVICES,
              help="法律援助、人民调解、行政复议、公证等", example="其他"),
        Field("basis", "设定依据", TEXT_LIST, required=True,
              help="法律法规依据，写到条，如《中华人民共和国法律援助法》第四十一条",
              example=["待补充"]),
        Field("conditions", "受理条件", TEXT_LIST, required=True, example=["待补充"]),
        Field("materials", "申请材料", TEXT_LIST, required=True, example=["待补充"]),
        Field("steps", "办理流程", TEXT_LIST, required=True, help="按顺序写每一步",
              example=["待补充"]),
        Field("time_limit", "办理时限", required=True, example="待补充"),
        Field("fee", "收费标准", required=True, example="待补充"),
        Field("location", "办理地点", required=True, example="待补充"),
        Field("hours", "办理时间", required=True, example="待补充"),
        Field("phone", "咨询电话", PHONE, recommended=True, example="12348"),
        Field("complaint_phone", "监督投诉电话", PHONE),
        Field("online", "网上办理", help="网上办理的方式或网址"),
        Field("faq", "常见问题", FAQ, help="每条写「问」和「答」"),
        Field("forms", "表格下载", FORMS,
              help="可下载的表格（PDF、Word、Excel）：每项写 file（文件路径，相对本文件）和 title（名称）"),
    ),
    filters=("service", "tags"),
    card_fields=("service",),
    aliases=("guides", "办事指南", "指南"),
)

CAMPAIGN = ContentType(
    key="campaign",
    folder="campaigns",
    label="宣传活动",
    description="按日期出现在首页的宣传活动（宪法宣传周、民法典宣传月等）",
    fields=(
        Field("title", "标题", required=True, example="{title}"),
        Field("summary", "摘要", required=True, example="待补充：一两句话的摘要"),
        Field("start", "开始日期", DATE, required=True, example="{today}"),
        Field("end", "结束日期", DATE, required=True, example="{today}"),
        Field("repeat", "每年重复", BOOL,
              help="true 表示每年同一日期都开展（如宪法宣传周），首页按月日显示"),
        Field("slogan", "口号", help="首页横幅上的一句话"),
        Field("featured", "推荐内容", PAGES,
              help="活动期间在首页推荐的页面，写 content 下的路径，如 lessons/xian-fa.md",
              example=[]),
        Field("tags", "标签", TEXT_LIST),
        Field("sample", "示例", BOOL),
        Field("date", "日期", DATE, help="发布日期，不填则用开始日期"),
        Field("draft", "草稿", BOOL),
        Field("description", "描述"),
    ),
    sort_field="start",
    filters=(),
    aliases=("campaigns", "活动", "宣传活动"),
)

# In the order a listing shows them: the free public services first.
DIRECTORY_KINDS = ("公共法律服务中心", "法律援助中心", "公证处", "司法所", "人民调解委员会",
                   "基层法律服务所", "律师事务所", "律师")
LAW_FIRM = "律师事务所"
LAWYER = "律师"

DIRECTORY = ContentType(
    key="directory",
    folder="directory",
    label="机构名录",
    description="法律服务机构名录：律师事务所和律师、法律援助中心、司法所、人民调解委员会、公证处、基层法律服务所",
    fields=(
        Field("title", "名称", required=True, help="机构全称或律师姓名，与办事指南里写的完全一致，指南才能链接到这里",
              example="{title}"),
        Field("kind", "类别", CHOICE, required=True, choices=DIRECTORY_KINDS,
              help="机构类别", example="律师事务所"),
        Field("town", "镇街", required=True, help="所在镇（街道）", example="待补充"),
        Field("address", "地址", required=True, help="办公地址，写到门牌号", example="待补充"),
        Field("phone", "电话", PHONE, required=True, help="对外电话，页面上可一键拨打",
              example="待补充"),
        Field("hours", "办公时间", recommended=True, help="例如 工作日 上午8:30—12:00，下午14:00—17:30",
              example="工作日 上午8:30—12:00，下午14:00—17:30"),
        Field("services", "服务事项", TEXT_LIST, recommended=True, help="能办的事，每项一行",
              example=["待补充"]),
        Field("practice_areas", "执业领域", TEXT_LIST,
              help="律师事务所和律师的主要业务领域，如婚姻家庭、劳动争议", example=[]),
        Field("licence", "执业证号", help="律师事务所写执业许可证号，律师写执业证号"),
        Field("firm", "所在律所", help="律师所在的律师事务所：写名录里那个律所的文件路径，如 directory/yun-xi-lv-suo.md"),
        Field("summary", "简介", required=True, help="一两句话介绍这个机构（律师），显示在列表卡片上",
              example="待补充：一两句话的简介"),
        Field("date", "核对日期", DATE, help="最近一次核对信息的日期，格式 2024-05-01", example="{today}"),
        Field("tags", "标签", TEXT_LIST),
        Field("sample", "示例", BOOL, help="true 表示示例内容，页面上会标出「示例」"),
        Field("draft", "草稿", BOOL, help="true 表示草稿，不会发布"),
        Field("description", "描述", help="搜索引擎摘要，不填则用简介"),
    ),
    filters=("kind", "town", "services"),
    card_fields=("kind", "town"),
    aliases=("机构名录", "法律服务机构名录", "名录", "机构", "律师"),
    # Contact details, not publicity; the page's QR code and 打印本页 remain.
    posters=False,
)


# 规范性文件: the register the district reports its clean-up from.
CURRENT = "现行有效"
AMENDED = "已修订"
ANNULLED = "宣布失效"
REPEALED = "已废止"
DOCUMENT_STATUSES = (CURRENT, AMENDED, ANNULLED, REPEALED)

DOCUMENT = ContentType(
    key="document",
    folder="documents",
    label="规范性文件",
    description="本单位制发的规范性文件及其清理状态（继续有效、修订、宣布失效、废止）",
    fields=(
        Field("title", "标题", required=True, help="文件名称", example="{title}"),
        Field("number", "文号", required=True,
              help="发文字号，如 云司发〔2021〕3号（年份用六角括号〔〕）", example="待补充"),
        Field("issuer", "制定机关", required=True, help="如 云溪区司法局", example="待补充"),
        Field("issued", "印发日期", DATE, required=True, help="格式 2021-03-15", example="{today}"),
        Field("effective", "施行日期", DATE, help="不填表示自印发之日起施行"),
        Field("status", "状态", CHOICE, required=True, choices=DOCUMENT_STATUSES,
              help="文件现在的效力", example=CURRENT),
        Field("status_date", "状态日期", DATE,
              help="修订、宣布失效或废止的日期；现行有效的不填"),
        Field("replaced_by", "取代文件", help="已修订的必填：新文件的路径，如 documents/xin-wen-jian.md"),
        Field("basis", "上位法依据", TEXT_LIST,
              help="写到条，如《中华人民共和国人民调解法》第五条", example=[]),
        Field("summary", "摘要", required=True, help="一两句话说明文件规定了什么",
              example="待补充：一两句话的摘要"),
        Field("tags", "标签", TEXT_LIST),
        Field("sample", "示例", BOOL, help="true 表示示例内容，页面上会标出「示例」"),
        Field("draft", "草稿", BOOL, help="true 表示草稿，不会发布"),
        Field("description", "描述", help="搜索引擎摘要，不填则用摘要"),
    ),
    sort_field="issued",
    filters=("status", "year", "issuer"),
    card_fields=("status",),
    aliases=("documents", "文件", "规范性文件"),
    # A record, not a campaign piece (and 1,500+ law pages keep the site inside its size budget).
    posters=False,
)

QA_CATEGORIES = (
    "婚姻家庭", "继承", "劳动工资", "借贷债务", "消费维权", "邻里物业", "交通事故", "土地房屋",
    "未成年人", "老年人权益", "行政争议", "刑事", "其他",
)

# The title is the question as people ask it; `answer` is what search shows.
QA = ContentType(
    key="qa",
    folder="qa",
    label="法律咨询",
    description="群众常问的法律问题：一两句话的简要回答，再加详细解答和法条",
    fields=(
        Field("title", "问题", required=True,
              help="群众怎么问就怎么写，如：离婚后孩子归谁？", example="{title}"),
        Field("answer", "简要回答", required=True,
              help="一两句话直接回答，显示在页面顶部和搜索结果里", example="待补充：一两句话的简要回答"),
        Field("category", "类别", CHOICE, required=True, choices=QA_CATEGORIES,
              help="问题所属的类别，用于筛选", example="其他"),
        Field("laws", "法条", TEXT_LIST, required=True,
              help="回答依据的法律条文，如《中华人民共和国民法典》第一千零八十四条",
              example=["《中华人民共和国民法典》第xx条"]),
        Field("related", "相关内容", PAGES,
              help="相关的办事指南、普法课堂，写 content 下的路径，如 guides/ren-min-tiao-jie.md",
              example=[]),
        Field("date", "日期", DATE, required=True, help="发布日期，格式 2024-05-01",
              example="{today}"),
        Field("tags", "标签", TEXT_LIST, help="关键词", example=[]),
        Field("sample", "示例", BOOL, help="true 表示示例内容，页面上会标出「示例」"),
        Field("author", "作者", help="解答人或供稿单位"),
        Field("draft", "草稿", BOOL, help="true 表示草稿，不会发布"),
        Field("description", "描述", help="搜索引擎摘要，不填则用简要回答"),
    ),
    filters=("category",),
    card_fields=("category",),
    aliases=("qa", "问答", "法律问答", "咨询", "法律咨询"),
)

TYPES: tuple[ContentType, ...] = (LESSON, VILLAGE, PARTY_HISTORY, GUIDE, CAMPAIGN, QA, DIRECTORY, DOCUMENT)
BY_FOLDER = {t.folder: t for t in TYPES}


def find_type(name: str) -> ContentType | None:
    """Look a type up by key, folder, Chinese label or alias."""
    for t in TYPES:
        if name in (t.key, t.folder, t.label) or name in t.aliases:
            return t
    return None


def type_for_path(src_uri: str) -> ContentType | None:
    """The content type of a Markdown file, from its first folder."""
    head = src_uri.split("/", 1)
    if len(head) < 2:
        return None
    return BY_FOLDER.get(head[0])
