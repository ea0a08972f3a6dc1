"""Chinese numerals in article numbers: 一千零七十七 -> 1077, 第一百三十三条之一 -> art-133-1."""
from __future__ import annotations

import re
from functools import lru_cache

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
CN_NUMBER = "零〇一二三四五六七八九十百千万两"
FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


@lru_cache(maxsize=4096)          # a library repeats the same few thousand numbers
def cn_to_int(text: str) -> int | None:
    """'一千零七十七' -> 1077; '十' -> 10; '1077' -> 1077; None if not a number."""
    text = text.strip().translate(FULLWIDTH)
    if not text:
        return None
    if text.isdigit():
        return int(text)
    total, section, number = 0, 0, None
    for ch in text:
        if ch in DIGITS:
            number = DIGITS[ch]
        elif ch in UNITS:
            unit = UNITS[ch]
            if unit == 10000:
                section = (section + (number or 0)) * unit
                total += section
                section = 0
            else:
                section += (1 if number is None else number) * unit
            number = None
        else:
            return None
    # A bare run of digits such as 一〇七七 is read digit by digit.
    if all(ch in DIGITS for ch in text) and len(text) > 1:
        return int("".join(str(DIGITS[ch]) for ch in text))
    return total + section + (number or 0)


def int_to_cn(n: int) -> str:
    """1077 -> '一千零七十七' (article numbers as laws write them)."""
    if n == 0:
        return "零"
    digits = "零一二三四五六七八九"
    units = [(1000, "千"), (100, "百"), (10, "十")]
    out, zero = "", False
    rest = n
    if n >= 10000:
        out = int_to_cn(n // 10000) + "万"
        rest = n % 10000
        zero = 0 < rest < 1000
    for value, unit in units:
        d = rest // value
        rest %= value
        if d:
            if zero:
                out += "零"
                zero = False
            out += ("" if (value == 10 and d == 1 and not out) else digits[d]) + unit
        elif out:
            zero = True
    if rest:
        if zero:
            out += "零"
        out += digits[rest]
    return out


_ARTICLE = re.compile(
    rf"^第([{CN_NUMBER}0-9０-９]+)条(?:之([{CN_NUMBER}0-9０-９]+))?$")


@lru_cache(maxsize=8192)
def article_key(label: str) -> tuple[int, int] | None:
    """'第一百三十三条之一' -> (133, 1); '第1077条' -> (1077, 0)."""
    m = _ARTICLE.match(label.strip())
    if not m:
        return None
    main = cn_to_int(m.group(1))
    sub = cn_to_int(m.group(2)) if m.group(2) else 0
    if main is None or sub is None or main <= 0:
        return None
    return main, sub


def anchor(key: tuple[int, int]) -> str:
    """(133, 1) -> 'art-133-1'; (1077, 0) -> 'art-1077'."""
    main, sub = key
    return f"art-{main}-{sub}" if sub else f"art-{main}"


def label(key: tuple[int, int]) -> str:
    """(133, 1) -> '第一百三十三条之一'."""
    main, sub = key
    return f"第{int_to_cn(main)}条" + (f"之{int_to_cn(sub)}" if sub else "")
