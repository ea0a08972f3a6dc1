"""What the command line says when staff mistype: Chinese, once, with the
nearest right spelling, and the usage of the command they meant."""
from __future__ import annotations

import re

import pytest

from pufa.cli import EXIT_PROBLEM, main


def said(capsys, *argv) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_:
        main(list(argv))
    out = capsys.readouterr()
    return exit_.value.code, out.out + out.err


@pytest.mark.parametrize("argv, expected", [
    (["biuld"], "你是不是想输入 pufa build？"),
    (["chek"], "你是不是想输入 pufa check？"),
    (["build", "--no-chek"], "你是不是想写 --no-check？"),
    (["serve", "--opne"], "你是不是想写 --open？"),
    (["check", "--format", "xml"], "--format 不能写「xml」。可以写：text、json"),
    (["images", "--max-kb", "abc"], "--max-kb 的值「abc」不对：应当是整数"),
    (["images", "--max-kb"], "--max-kb 后面要写一个值"),
    (["init"], "缺少参数：文件夹"),
])
def test_a_mistyped_command_is_answered_in_chinese_with_the_fix(capsys, argv, expected):
    code, text = said(capsys, *argv)
    assert code == EXIT_PROBLEM
    assert expected in text
    assert not re.search(r"invalid|choose from|unrecognized|required|expected|argument", text), text
    assert f"用法：pufa {argv[0]}" in text or argv[0] in ("biuld", "chek")   # the command's own usage


@pytest.mark.parametrize("command", ["build", "check", "serve", "new", "import-laws", "poster", "images"])
def test_help_says_usage_once(capsys, command):
    code, text = said(capsys, command, "-h")
    assert code == 0
    assert text.count("用法：") == 1 and f"用法：pufa {command}" in text
    assert "usage" not in text.lower() and "show this help" not in text
