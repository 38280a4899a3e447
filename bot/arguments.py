"""argparse in Chinese for the command line: usage, help headings and an operator's typo as one line."""

from __future__ import annotations

import argparse
import re


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with its usage, help headings and errors in Chinese: an operator's typo is one line
    saying what is wrong, then the usage of the command typed (exit 2, as argparse does)."""

    ERRORS = (  # argparse's English messages (Python 3.11–3.13) → what the operator reads
        (re.compile(r"the following arguments are required: (.+)"), "缺少参数：{0}"),
        (re.compile(r"argument (?:command|\{.*\}): invalid choice: '?([^' ]*)'? \(choose from (.+)\)"),
         "没有这个命令：{0}（可用的命令：{1}）"),
        (re.compile(r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)"), "参数 {0} 不能取 {1}（可选：{2}）"),
        (re.compile(r"unrecognized arguments: (.+)"), "无法识别的参数：{0}"),
        (re.compile(r"argument (\S+): expected one argument"), "{0} 后面应跟一个值"),
        (re.compile(r"ambiguous option: (\S+) could match (.+)"), "选项 {0} 有歧义，可能是：{1}"),
        (re.compile(r"argument (\S+): ignored explicit argument (.+)"), "{0} 不带值，多出了 {1}"),
    )
    HEADINGS = (("usage: ", "用法："), ("positional arguments:", "参数："), ("options:", "选项："),
                ("show this help message and exit", "显示此帮助并退出"))

    def error(self, message: str):
        for pattern, text in self.ERRORS:
            if found := pattern.fullmatch(message):
                message = text.format(*(g.replace("'", "") for g in found.groups()))
                break
        self.exit(2, f"错误：{message}\n{self.format_usage()}（python -m bot -h 列出全部命令，python -m bot 命令 -h 看用法）\n")

    def format_usage(self) -> str:
        return self._in_chinese(super().format_usage())

    def format_help(self) -> str:
        if callable(self.epilog):  # built only when help is asked for (it may import heavy modules)
            self.epilog = self.epilog()
        return self._in_chinese(super().format_help())

    def _in_chinese(self, text: str) -> str:
        for english, chinese in self.HEADINGS:
            text = text.replace(english, chinese)
        return text
