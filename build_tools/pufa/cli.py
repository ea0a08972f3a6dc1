"""The `pufa` command: init, new, build, serve, check, poster, wechat ….  Everything it says is Chinese."""
from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from pufa import __version__

EXIT_OK, EXIT_PROBLEM, EXIT_INTERNAL = 0, 1, 2


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        # (argparse also calls this with prefix "" to name a subcommand: "pufa build", not "用法：pufa build")
        return super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)


_VALUE_KINDS = {"int": "整数", "float": "数字"}
# argparse's other messages: (pattern, what to say instead).
_PLAIN_MESSAGES = [
    (r"the following arguments are required: (.*)", lambda m: f"缺少参数：{m[1].replace(', ', '、')}"),
    (r"argument (\S+): expected (one|at least one) argument",
     lambda m: f"{m[1]} 后面要写{'一个' if m[2] == 'one' else '至少一个'}值"),
    (r"argument (\S+): invalid (\w+) value: '([^']*)'",
     lambda m: f"{m[1]} 的值「{m[3]}」不对：应当是{_VALUE_KINDS.get(m[2], '合适的值')}"),
    (r"argument (\S+): ignored explicit argument '([^']*)'", lambda m: f"{m[1]} 后面不用写值（写了「{m[2]}」）"),
    (r"ambiguous option: (\S+) could match (.*)", lambda m: f"{m[1]} 不明确，可能是：{m[2].replace(', ', '、')}"),
]


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示这段帮助")

    def error(self, message):
        self.print_usage(sys.stderr)
        sys.stderr.write(f"错误：{self.chinese(message)}\n运行 {self.prog} -h 查看帮助。\n")
        raise SystemExit(EXIT_PROBLEM)

    def parse_args(self, args=None, namespace=None):
        # What a command does not know is said by that command (its usage, its options).
        ns, extras = self.parse_known_args(args, namespace)
        if extras:
            commands = getattr(self, "commands", {})
            commands.get(getattr(ns, "command", None), self).error("unrecognized arguments: " + " ".join(extras))
        return ns

    def chinese(self, message: str) -> str:
        """argparse's English, said in Chinese, with the nearest right spelling."""
        import difflib
        import re

        m = re.search(r"argument (\S+): invalid choice: '([^']*)' \(choose from (.*)\)", message)
        if m:
            name, given = m[1], m[2]
            choices = re.findall(r"'([^']*)'", m[3])
            near = difflib.get_close_matches(given, choices, n=1, cutoff=0.5)
            if name == "命令":
                hint = f"你是不是想输入 {self.prog} {near[0]}？" if near else ""
                return f"没有这个命令：{given}。{hint}可以用的命令：{'、'.join(choices)}"
            hint = f"你是不是想写 {near[0]}？" if near else ""
            return f"{name} 不能写「{given}」。{hint}可以写：{'、'.join(choices)}"
        m = re.search(r"unrecognized arguments: (.*)", message)
        if m:
            options = [o for o in self._option_string_actions if o.startswith("--")]
            near = [difflib.get_close_matches(word, options, n=1, cutoff=0.6) for word in m[1].split()]
            hint = "".join(f"你是不是想写 {n[0]}？" for n in near if n)
            return f"无法识别的参数：{m[1]}。{hint}"
        for pattern, say in _PLAIN_MESSAGES:
            m = re.search(pattern, message)
            if m:
                return say(m)
        return message.replace("argument", "参数")


def _site_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--site", default=".", metavar="文件夹",
                   help="网站所在的文件夹（有 mkdocs.yml 的那个），默认是当前文件夹")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="pufa",
        description="pufa：普法网站生成器。用 Markdown 写普法课堂、办事指南等内容，生成可离线浏览的网站。",
        epilog="例子：\n  pufa init 我的普法网\n  pufa new lesson 反家庭暴力法十问\n  pufa serve\n  pufa build\n"
               "  pufa wechat content/lessons/xian-fa.md",
    )
    parser.add_argument("--version", action="version", version=f"pufa {__version__}",
                        help="显示版本号")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    sub.required = True
    parser.commands = sub.choices

    p = sub.add_parser("init", help="新建一个网站", description="新建一个网站：设置文件 mkdocs.yml 和 content 文件夹。")
    p.add_argument("dir", metavar="文件夹", help="新网站的文件夹（不存在会自动创建）")
    p.add_argument("--empty", action="store_true", help="只建栏目框架，不带示例内容")
    p.add_argument("--region", metavar="省份", default="",
                   help="网站所在的省（自治区、直辖市），如 浙江：本省的地方性法规排在其他省的前面")

    from pufa.content.types import TYPES
    kinds = "\n".join(f"  {t.key:<14}{t.label}（content/{t.folder}/）" for t in TYPES) + \
        f"\n  {'screen':<14}展示屏、一体机的播放列表（content/screens/）"
    p = sub.add_parser("new", help="按模板新建一篇内容",
                       description="按模板新建一篇内容，文件名自动用标题的拼音。\n\n内容类型：\n" + kinds,
                       epilog="例子：pufa new lesson 反家庭暴力法十问")
    p.add_argument("type", metavar="类型", help="内容类型，如 lesson、guide，也可以写中文：普法课堂")
    p.add_argument("title", metavar="标题", nargs="+", help="标题")
    p.add_argument("--case", action="store_true", help="普法课堂用「以案释法」版式")
    _site_arg(p)

    p = sub.add_parser("import-docx", help="把 Word 文档（.docx）导入成一篇内容",
                       description="把一篇 Word 文档（.docx）变成网站上的一篇内容：标题、小标题、列表、表格、"
                                   "加粗、脚注和图片都保留，图片自动压缩并放在文章旁边，文件名用标题的拼音。"
                                   "原来的 .docx 不会被改动，已有的文件不会被覆盖。"
                                   ".doc、.wps 请先在 Word 或 WPS 里「另存为」.docx。\n\n内容类型：\n" + kinds,
                       epilog="例子：\n  pufa import-docx 离婚冷静期十问.docx --type lesson\n"
                              "  pufa import-docx D:\\稿件\\法律援助指南.docx --type 办事指南")
    p.add_argument("file", metavar="文档", help="Word 文档（.docx）的路径")
    p.add_argument("--type", metavar="类型", help="内容类型，如 lesson、guide、qa，也可以写中文：普法课堂")
    _site_arg(p)

    p = sub.add_parser("build", help="生成网站到 site 文件夹",
                       description="检查内容并生成网站。出错时不会覆盖原来的网站。")
    _site_arg(p)
    p.add_argument("--no-check", action="store_true", help="跳过检查（仅限紧急情况）")

    p = sub.add_parser("check", help="检查内容，列出所有问题",
                       description="检查全部内容：信息块、占位文字、链接和图片、文件编码、法条引用等。"
                                   "有错误时退出码为 1。")
    _site_arg(p)
    p.add_argument("--format", choices=("text", "json"), default="text", help="输出格式：text（默认）或 json")
    p.add_argument("--strict", action="store_true", help="有警告也算不通过（退出码 1）")
    p.add_argument("--fix", action="store_true",
                   help="自动修正不用猜就能修正的问题：GBK、UTF-16 编码转为 UTF-8，去掉 BOM，"
                        "日期和电话里的全角数字，写在一行的列表，写成网址或电脑路径的链接"
                        "（原文件保存在 .pufa-backup 文件夹）")

    p = sub.add_parser("import-laws", help="导入法律法规到法律法规库（Markdown 语料或国家法律法规数据库的 Word 文件）",
                       description="把法律语料（每部法律一个 Markdown 文件，格式见 README）或从国家法律法规数据库"
                                   "（flk.npc.gov.cn）下载的 Word 文件（.docx）导入 content/laws/，按类别分文件夹。"
                                   "重复运行不会改变已导入的内容；导入另一个文件夹（如地方性法规）是添加，不会删除已有的法律。"
                                   "导入一部法律的新版本时，旧版本保留（文件名加上版本日期），页面标为「已被修改」。")
    p.add_argument("src", metavar="法律文件或文件夹",
                   help="法律语料所在的文件夹（如 ../shared/corpus/laws），或一个 .docx / .md 文件")
    p.add_argument("--category", metavar="类别",
                   help="法律库里还没有的法律放在哪一类（如 行政法）；不写时，已有的法律放回原来的类别，新的放在「其他」")
    p.add_argument("--only", metavar="名称", action="append", default=[],
                   help="只导入这些法律（可写简称，如 民法典；可重复使用，或用逗号分隔）")
    p.add_argument("--only-region", metavar="省份",
                   help="地方性法规只导入这个省（自治区、直辖市）的，如 --only-region 浙江")
    p.add_argument("--prune", action="store_true",
                   help="同时删除这个文件夹以前导入、现在已经没有的法律（会逐一列出）；"
                        "其他文件夹导入的和手工添加的法律不受影响")
    _site_arg(p)

    p = sub.add_parser("server-config", help="生成网站服务器（nginx）的配置：压缩、缓存、安全响应头",
                       description="读取生成好的网站（先运行 pufa build），输出一段完整的 nginx server { } 配置："
                                   "直接发送生成时压缩好的 .gz/.br 文件，网页不缓存、带散列的文件缓存一年，"
                                   "404 页面，IPv4 和 IPv6，以及内容安全策略（CSP，不含 unsafe-inline）等安全响应头。"
                                   "把输出保存成文件，放进 nginx 的 http { } 里。")
    p.add_argument("server", metavar="服务器", choices=["nginx"], help="目前支持 nginx")
    p.add_argument("--listen", metavar="地址:端口", help="监听的地址和端口，如 127.0.0.1:8080；默认 80 端口（IPv4 和 IPv6）")
    p.add_argument("--brotli", action="store_true", help="服务器装了 ngx_brotli 模块时加上：同时发送 .br 文件")
    _site_arg(p)

    p = sub.add_parser("bundle", help="打包成离线版 zip（U 盘、展厅电脑直接打开）",
                       description="生成一个 zip：解压后双击 index.html 即可浏览，不需要联网，搜索和法条预览都能用。")
    _site_arg(p)
    p.add_argument("--out", metavar="文件.zip", help="zip 的位置和名字，默认放在网站文件夹里，名字带生成日期")

    p = sub.add_parser("poster", help="把一篇内容做成 A4 宣传海报（PDF）",
                       description="生成一篇内容的 A4 海报：标题、摘要、大二维码（扫码打开这一页）、单位名称和热线，"
                                   "用 Chrome、Edge 或 Chromium 打印成 PDF。网站上每篇文章底部的「打印海报」是同一张海报。",
                       epilog="例子：\n  pufa poster content/campaigns/xian-fa-xuan-chuan-zhou.md\n"
                              "  pufa poster lessons/xian-fa.md --out 宪法海报.pdf\n  pufa poster 宪法宣传周")
    p.add_argument("page", metavar="内容", help="content 里的文件路径（如 content/lessons/xian-fa.md），或文章标题")
    p.add_argument("--out", metavar="文件.pdf", help="PDF 的位置和名字，默认是当前文件夹里的「标题-海报.pdf」")
    p.add_argument("--html", action="store_true", help="只生成海报网页（.html），自己用浏览器打印")
    _site_arg(p)

    p = sub.add_parser("wechat", help="把一篇内容做成公众号文章（复制粘贴到公众号编辑器）",
                       description="生成一篇内容的公众号版网页：样式都写在每个元素上，公众号编辑器粘贴后保留排版；"
                                   "法条引用是文字，条文原文附在文末；文末有本页二维码和「阅读原文」网址。"
                                   "文中的图片复制到网页旁边的文件夹，粘贴后要在编辑器里重新上传。"
                                   "pufa serve 预览的每篇文章上有「复制到公众号」按钮，是同一份内容。",
                       epilog="例子：\n  pufa wechat content/lessons/xian-fa.md\n"
                              "  pufa wechat lessons/xian-fa.md --out 宪法日.html\n  pufa wechat 宪法宣传周")
    p.add_argument("page", metavar="内容", help="content 里的文件路径（如 content/lessons/xian-fa.md），或文章标题")
    p.add_argument("--out", metavar="文件.html",
                   help="网页的位置和名字，默认是当前文件夹里的「标题-公众号.html」；图片放在旁边的「标题-公众号图片」文件夹")
    _site_arg(p)

    p = sub.add_parser("images", help="找出太大的图片，并可自动压缩",
                       description="列出 content 里超过大小上限的图片；加 --fix 自动缩小并压缩（原图保存在 .pufa-backup 文件夹）。")
    _site_arg(p)
    p.add_argument("--fix", action="store_true", help="自动缩小并压缩")
    p.add_argument("--max-kb", type=int, default=500, metavar="KB", help="大小上限，默认 500 KB")

    p = sub.add_parser("serve", help="边写边预览（保存后自动刷新）",
                       description="在本机启动预览，保存文件后浏览器自动刷新。")
    _site_arg(p)
    p.add_argument("--addr", default="127.0.0.1:8000", metavar="地址:端口", help="预览地址，默认 127.0.0.1:8000")
    p.add_argument("--open", action="store_true", help="自动打开浏览器")
    return parser


def cmd_init(args) -> int:
    from pufa.scaffold.site import InitError, init_site

    target = Path(args.dir)
    try:
        written = init_site(target, empty=args.empty, region=args.region)
    except InitError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_PROBLEM
    kind = "栏目框架" if args.empty else "示例内容"
    print(f"已新建网站：{target.resolve()}（{kind}，{len(written)} 个文件）")
    print(f"下一步：cd {args.dir}，然后运行 pufa serve 预览，或 pufa build 生成网站。")
    return EXIT_OK


def cmd_new(args) -> int:
    from pufa.scaffold.archetypes import NewPageError, new_page

    site = Path(args.site)
    try:
        path = new_page(site, args.type, " ".join(args.title), case=args.case)
    except NewPageError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_PROBLEM
    shown = os.path.relpath(path, site)
    print(f"已新建：{shown}")
    print("打开它，把所有「待补充」和「xx」换成真实内容；pufa build 会检查有没有漏填。")
    return EXIT_OK


def cmd_import_docx(args) -> int:
    from pufa.content.types import TYPES
    from pufa.docx_import import DocxError, import_docx

    site = Path(args.site)
    if not args.type:
        names = "、".join(f"{t.key}（{t.label}）" for t in TYPES)
        print(f"错误：请用 --type 写这篇内容的类型，例如 pufa import-docx {args.file} --type lesson。"
              f"可以用：{names}", file=sys.stderr)
        return EXIT_PROBLEM
    try:
        done = import_docx(site, Path(args.file), args.type)
    except DocxError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_PROBLEM
    shown = os.path.relpath(done.page, site)
    print(f"已导入：{shown}（{done.ctype.label}「{done.title}」，用时 {done.seconds:.1f} 秒）")
    if done.images:
        print(f"图片 {len(done.images)} 张，放在 {os.path.relpath(done.images[0].path.parent, site)}：")
        for image in done.images:
            size = f"{image.before / 1024:.0f} KB"
            if image.after != image.before:
                size += f" → {image.after / 1024:.0f} KB（已压缩）"
            print(f"  {image.path.name}  {size}")
    for note in done.notes:
        print(f"注意：{note}")
    if done.todo:
        print("还要补充（pufa check 会逐条指出）：")
        for line, what in done.todo:
            print(f"  {shown}:{line}  {what}")
        print("打开它，把所有「待补充」和「xx」换成真实内容，再运行 pufa build。")
    else:
        print("打开它核对一遍，再运行 pufa build。")
    return EXIT_OK


def cmd_import_laws(args) -> int:
    from pufa.laws.importer import ImportError_, import_laws

    site = Path(args.site)
    only = [name.strip() for value in args.only for name in value.replace("，", ",").split(",") if name.strip()]
    try:
        report = import_laws(Path(args.src), site / "content", progress=sys.stderr, only=only or None,
                             prune=args.prune, only_region=args.only_region, category=args.category)
    except ImportError_ as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_PROBLEM
    print(f"法律法规库：共 {report.laws} 件；新增 {len(report.added)}，更新 {len(report.updated)}，"
          f"未变 {report.unchanged}，移除 {len(report.removed)}，跳过 {len(report.skipped)}。")
    for title, parts in report.merged:
        print(f"  合并：{title} 的 {parts} 个分编合为一部")
    if report.removed:
        print(f"  移除 {len(report.removed)} 件（--prune：这个文件夹以前导入、现在已经没有的）：")
        for rel in report.removed[:50]:
            print(f"    content/laws/{rel}")
    if report.kept:
        print(f"  保留 {len(report.kept)} 件：这个文件夹以前导入过、现在已经没有了；确实不要了，加 --prune 再运行一次就会删除")
        for rel in report.kept[:10]:
            print(f"    content/laws/{rel}")
    reasons: dict[str, list[str]] = {}
    for source, reason in report.skipped:
        reasons.setdefault(reason if "同一版本" not in reason else "重复", []).append(f"{source}（{reason}）")
    for reason, items in reasons.items():
        label = "同一法律同一版本重复出现，只导入一份" if reason == "重复" else reason
        print(f"  跳过 {len(items)} 个：{label}")
        if reason == "重复" or len(items) <= 5:
            for item in items[:20]:
                print(f"    {item}")
    from pufa.dates import cn_date
    for x in report.superseded:
        print(f"  新版本：《{x.title}》{cn_date(x.new_version)}文本（content/laws/{x.new_rel}）取代"
              f"{cn_date(x.old_version)}文本；旧文本保留为 content/laws/{x.old_rel}，页面标为「已被修改」")
    for title, rel in report.older:
        print(f"  旧版本：《{title}》的这个文本比法律库里的旧，保存为 content/laws/{rel}，标为「已被修改」")
    for title in report.records:
        print(f"  content/laws/_status.yml 里《{title}》的修改记录已不再需要（新文本已经导入），可以删去这一项")
    if report.missing:
        print("  没有找到：" + "、".join(report.missing))
        return EXIT_PROBLEM
    where = '' if args.site == '.' else ' --site ' + args.site
    if report.superseded:
        print(f"下一步：运行 pufa check{where}，查看引用了旧文本、条号或内容已经改变的页面，再运行 pufa build{where}。")
    else:
        print(f"下一步：运行 pufa build{where} 生成网站。")
    return EXIT_OK


def cmd_check(args) -> int:
    from pufa.check.runner import run
    from pufa.findings import format_all, summary

    from pufa import engine

    site = Path(args.site)
    try:
        report = run(site, fix=args.fix)
    except engine.SiteError as exc:
        print(f"错误  {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    failed = bool(report.errors) or (args.strict and bool(report.warnings))
    if args.format == "json":
        print(report.to_json())
        return EXIT_PROBLEM if failed else EXIT_OK
    by_file: dict[str, list[str]] = {}
    for path, action in report.fixed:
        by_file.setdefault(path, []).append(action)
    for path, actions in by_file.items():
        print(f"已修正  {path}（原文件保存在 .pufa-backup/{path.split('/', 1)[-1]}）")
        for action in actions:
            print(f"      {action}")
    if report.findings:
        print(format_all(report.findings))
    verdict = "未通过" if failed else "通过"
    print(f"检查{verdict}：{report.pages} 个页面，{summary(report.findings)}。")
    return EXIT_PROBLEM if failed else EXIT_OK


def cmd_bundle(args) -> int:
    from pufa import engine
    from pufa.bundle import bundle

    site = Path(args.site)
    try:
        engine.config_path(site.resolve())
    except engine.SiteError as exc:
        print(f"错误  {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    if not _checks_pass(site, "没有打包。"):
        return EXIT_PROBLEM
    try:
        out = bundle(site, Path(args.out) if args.out else None)
    except engine.SiteError as exc:
        print(f"错误  {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    print(f"离线版已生成：{out}（{out.stat().st_size / 1024 / 1024:.1f} MB）")
    print("解压后双击里面的 index.html 即可浏览；使用说明.txt 里有展厅电脑的设置方法。")
    return EXIT_OK


PRINT_BY_HAND = ("用浏览器（Chrome、Edge、360 极速模式等）打开它，按 Ctrl+P 打印：纸张选 A4，边距选「默认」，"
                 "勾选「背景图形」，取消「页眉和页脚」；要 PDF 就在「目标打印机」里选「另存为 PDF」。")


def cmd_poster(args) -> int:
    import tempfile

    from pufa import engine
    from pufa import poster as posters
    from pufa.poster_page import poster_html

    try:
        item, poster, html = poster_html(Path(args.site), args.page)
    except (engine.SiteError, posters.PosterError) as exc:
        print(f"错误  {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    out = Path(args.out) if args.out else Path.cwd() / posters.pdf_name(item.title)
    if out.suffix.lower() not in (".pdf", ".html"):
        out = out.with_name(out.name + ".pdf")
    browser = None if args.html or out.suffix.lower() == ".html" else posters.find_browser()
    if browser is None:
        page = out.with_suffix(".html")
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(html, encoding="utf-8")
        if not (args.html or out.suffix.lower() == ".html"):
            print("没有找到 Chrome、Edge 或 Chromium 浏览器，不能直接生成 PDF。")
        print(f"海报网页已生成：{page}")
        print(PRINT_BY_HAND)
        return EXIT_OK
    with tempfile.TemporaryDirectory(prefix="pufa-poster-") as tmp:
        page = Path(tmp) / "poster.html"
        page.write_text(html, encoding="utf-8")
        try:
            posters.print_pdf(browser, page, out)
        except posters.PosterError as exc:
            print(f"错误  {exc}", file=sys.stderr)
            return EXIT_PROBLEM
    print(f"海报已生成：{out}（A4，一页）")
    print(f"海报上的二维码打开：{poster.url}")
    return EXIT_OK


def cmd_wechat(args) -> int:
    from pufa import engine
    from pufa.wechat import command as wechat
    from pufa.wechat.page import WeChatError

    site = Path(args.site).resolve()
    try:
        model, config = engine.load(site)
        if config is None:
            raise WeChatError(engine.stop_message(model.build_errors or model.errors, "没有生成公众号版。"))
        written = wechat.write(model, args.page, Path(args.out) if args.out else None, site=site, cwd=Path.cwd())
    except (engine.SiteError, WeChatError) as exc:
        print(f"错误  {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    print("\n".join(wechat.report(written, Path.cwd())))
    return EXIT_OK


def cmd_images(args) -> int:
    from pufa import engine
    from pufa.check.images import large_images, shrink
    from pufa import backup
    from pufa.check.runner import docs_dir_of

    try:
        docs_dir = docs_dir_of(Path(args.site).resolve())
    except engine.SiteError as exc:
        print(f"错误  {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    limit = args.max_kb * 1024
    found = large_images(docs_dir, limit)
    if not found:
        print(f"没有超过 {args.max_kb} KB 的图片。")
        return EXIT_OK
    problems = 0
    for path in found:
        shown = os.path.relpath(path, Path(args.site).resolve())
        size = path.stat().st_size
        if not args.fix:
            print(f"{shown}  {size / 1024:.0f} KB（超过 {args.max_kb} KB）")
            continue
        try:
            result = shrink(path, limit, docs_dir)
        except Exception as exc:  # noqa: BLE001 - a broken image must not stop the others
            print(f"错误  {shown}  无法处理这张图片（{exc}）", file=sys.stderr)
            problems += 1
            continue
        print(f"已压缩  {shown}  {result.before / 1024:.0f} KB → {result.after / 1024:.0f} KB"
              f"（原图保存在 {backup.FOLDER}/{path.relative_to(docs_dir.resolve()).as_posix()}）{result.note}")
        problems += bool(result.note)
    if not args.fix:
        print(f"共 {len(found)} 张图片太大。运行 pufa images --fix 自动压缩。")
        return EXIT_PROBLEM
    return EXIT_PROBLEM if problems else EXIT_OK


def _checks_pass(site: Path, consequence: str) -> bool:
    """The model's findings: warnings are printed, errors stop what follows."""
    from pufa import engine
    from pufa.findings import format_all

    model, _ = engine.load(site)
    if model.warnings:
        print(format_all(model.warnings))
    if model.errors:
        print(engine.stop_message(model.errors, consequence), file=sys.stderr)
        return False
    return True


def cmd_build(args) -> int:
    from pufa import engine
    from pufa.findings import summary

    try:
        result = engine.build(Path(args.site), no_check=args.no_check)
    except engine.SiteError as exc:
        print(f"{exc}" if str(exc).startswith("错误") else f"错误  {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    print(f"网站已生成：{result.site_dir}（{result.pages} 个页面，用时 {result.seconds:.1f} 秒；"
          f"{summary(result.findings)}）")
    print(f"用浏览器打开 {result.site_dir / 'index.html'} 查看，或运行 pufa serve 预览。")
    return EXIT_OK


def cmd_server_config(args) -> int:
    from pufa import engine
    from pufa.server_config import nginx

    site = Path(args.site)
    try:
        settings, _config = engine.read_settings(site)
    except (OSError, engine.SiteError) as exc:
        print(f"错误  {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    built = settings.site_dir
    if not (built / "index.html").is_file():
        print(f"错误  还没有生成网站（{built} 里没有 index.html）：先运行 pufa build"
              f"{'' if args.site == '.' else ' --site ' + args.site}，再运行本命令", file=sys.stderr)
        return EXIT_PROBLEM
    if args.listen and not re.fullmatch(r"(\[[0-9a-fA-F:]+\]|[0-9.]+|[A-Za-z0-9.-]+)?:?\d{1,5}", args.listen):
        print(f"错误  --listen {args.listen} 写法不对：写成 端口（8080）或 地址:端口（127.0.0.1:8080、[::]:8080）",
              file=sys.stderr)
        return EXIT_PROBLEM
    print(nginx(built, settings.site_url, args.listen, args.brotli, settings.site_name), end="")
    return EXIT_OK


def cmd_serve(args) -> int:
    from pufa import engine

    try:
        engine.serve(Path(args.site), address=args.addr, open_browser=args.open)
    except engine.SiteError as exc:
        print(f"错误  {exc}", file=sys.stderr)
        return EXIT_PROBLEM
    except KeyboardInterrupt:
        print("\n预览已结束。")
    return EXIT_OK


COMMANDS = {"init": cmd_init, "new": cmd_new, "build": cmd_build, "serve": cmd_serve,
            "import-laws": cmd_import_laws, "server-config": cmd_server_config, "import-docx": cmd_import_docx, "check": cmd_check, "images": cmd_images,
            "bundle": cmd_bundle, "poster": cmd_poster, "wechat": cmd_wechat}


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # Windows consoles default to GBK: never crash on a character.
        try:
            stream.reconfigure(errors="replace")
        except (AttributeError, ValueError):
            pass
    args = build_parser().parse_args(argv)
    from pufa.processes import stopped_like_ctrl_c

    try:
        with stopped_like_ctrl_c():
            return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("\n已取消。", file=sys.stderr)
        return EXIT_PROBLEM
    except Exception as exc:  # noqa: BLE001 - staff must never see a traceback
        if os.environ.get("PUFA_DEBUG"):
            raise
        print(f"错误：程序内部出错（{type(exc).__name__}: {exc}）。\n"
              "      原来的网站没有被改动。请把这段信息发给技术支持；"
              "设置环境变量 PUFA_DEBUG=1 可看到详细信息。", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    raise SystemExit(main())
