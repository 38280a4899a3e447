"""`python -m bot run` at rest: the Bot API stand-in and the libraries of imports, exports, charts,
documents and pinyin stay unloaded until something needs them (issue 14; memory in bench/bench_idle_rss.py).

Checked in a fresh interpreter, since this test process has imported all of them: it goes through
bot/cli.py's run path up to the running loop (configuration from the environment, the answerer on a new
database, bot.app.build_application), answers a question, and lists what it imported.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOT_AT_REST = ("bot.standin", "pandas", "openpyxl", "matplotlib", "docx", "pypinyin")

BUILD_AND_ANSWER = """
import json, sys
from bot.app import build_application, run  # what cmd_run imports
from bot.cli import build_answerer, cmd_run
from bot.config import check_token, load_config
from knowledge.render import render_reply

config = load_config()
answerer = build_answerer(config)
app = build_application(config, answerer, check_token(config.token))
reply = render_reply(answerer.answer("苏州研发投入目标"))
print(json.dumps({"reply": reply, "modules": sorted(sys.modules)}, ensure_ascii=False))
"""


def test_bot_run_builds_and_answers_without_the_stand_in_or_file_libraries(tmp_path):
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": "424242:REST-test-token-abcdefghijklm",
           "BOT_DB_PATH": str(tmp_path / "kb.db"), "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", BUILD_AND_ANSWER], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.splitlines()[-1])
    assert "研发投入" in result["reply"]  # the question was matched and answered
    loaded = [m for m in result["modules"] if any(m == name or m.startswith(name + ".") for name in NOT_AT_REST)]
    assert loaded == []
