from pufa.content.slug import slugify, slugify_path


def test_issue_example():
    assert slugify("反家庭暴力法十问") == "fan-jia-ting-bao-li-fa-shi-wen"


def test_punctuation_and_latin_kept_sensibly():
    assert slugify("民法典：婚姻家庭编 5 问") == "min-fa-dian-hun-yin-jia-ting-bian-5-wen"
    assert slugify("12348 热线") == "12348-re-xian"
    assert slugify("《宪法》ABC") == "xian-fa-abc"


def test_heteronyms_and_u_umlaut():
    assert slugify("重庆") == "chong-qing"
    assert slugify("女儿") == "nv-er"


def test_long_titles_are_cut_at_a_syllable():
    slug = slugify("中华人民共和国" * 10)
    assert len(slug) <= 80 and not slug.endswith("-")


def test_paths():
    assert slugify_path("lessons/反家暴十问.md") == "lessons/fan-jia-bao-shi-wen.md"
    assert slugify_path("lessons/index.md") == "lessons/index.md"
    assert slugify_path("图片/村委会.jpg") == "tu-pian/cun-wei-hui.jpg"
