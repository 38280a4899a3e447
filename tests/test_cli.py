"""The command line, run as a real subprocess on a fresh database."""

import json
import os
import subprocess
import sys

import pytest


@pytest.fixture
def run(tmp_path):
    env = {**os.environ, "BOT_DB_PATH": str(tmp_path / "kb.db")}
    env.pop("TELEGRAM_BOT_TOKEN", None)

    def run(*args, stdin=None, env=None):
        return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True,
                              text=True, env={**base, **(env or {})}, cwd=tmp_path, timeout=60)

    base = env

    return run


def test_ask_prints_the_target_with_qualifier_source_and_no_data(run):
    result = run("ask", "苏州研发投入目标")
    assert result.returncode == 0, result.stderr
    assert "超4.25%" in result.stdout
    assert "《苏州市推进新型工业化2026年行动方案》" in result.stdout
    assert "暂无2026年数据" in result.stdout


def test_ask_json_is_structured(run):
    result = run("ask", "瞪铃", "--json")
    data = json.loads(result.stdout)
    assert data["decision"] == "answer"
    assert data["results"][0]["indicator_id"] == "gazelle_firms"
    assert data["results"][0]["target"]["text"] == "力争1000家"


def test_ask_without_question_reads_lines_and_writes_json_lines(run):
    result = run("ask", stdin="研发头入\n收到\n智能工厂目标\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["decision"] for line in lines] == ["answer", "decline", "clarify"]
    assert len(lines[2]["candidates"]) == 2


@pytest.mark.parametrize(
    "question", ["", "x" * 5000, "😀😀😀", "<b>hi</b><script>", "1; DROP TABLE targets;--", "研" * 4096],
)
def test_bad_input_declines_without_traceback(run, question):
    result = run("ask", question, "--json")
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)["decision"] == "decline"


def test_targets_lists_every_target_by_category(run):
    result = run("targets")
    assert result.stdout.count("· ") == 27
    for category in ("【产业规模】", "【科技创新】", "【要素保障】"):
        assert category in result.stdout


def test_chat_answers_typed_questions(run):
    result = run("chat", stdin="高企新增多少家\nq\n")
    assert "新增高新技术企业" in result.stdout and "500家" in result.stdout


def test_bad_timezone_is_a_one_line_error(run, tmp_path):
    env = {**os.environ, "BOT_DB_PATH": str(tmp_path / "kb.db"), "BOT_TZ": "Mars/Base"}
    result = subprocess.run([sys.executable, "-m", "bot", "ask", "研发"], capture_output=True, text=True, env=env)
    assert result.returncode == 2
    assert "BOT_TZ" in result.stderr and "Traceback" not in result.stderr


def test_run_without_token_is_a_one_line_error(run):
    result = run("run")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "TELEGRAM_BOT_TOKEN" in result.stderr


def test_malformed_token_is_refused_without_echoing_it(tmp_path):
    env = {**os.environ, "BOT_DB_PATH": str(tmp_path / "kb.db"), "TELEGRAM_BOT_TOKEN": "not-a-token-secret"}
    result = subprocess.run([sys.executable, "-m", "bot", "run"], capture_output=True, text=True, env=env,
                            timeout=60)
    assert result.returncode == 2 and "格式不对" in result.stderr
    assert "not-a-token-secret" not in result.stderr + result.stdout


def test_without_token_the_default_command_is_the_local_demo(run):
    result = run(stdin="/ask 苏州研发投入目标\n收到\n私聊 智能工厂目标\n:2\n")
    assert result.returncode == 0, result.stderr
    assert "本地演示" in result.stdout and "超4.25%" in result.stdout
    assert "（机器人没有回应）" in result.stdout  # 收到, in the group
    assert "[2] 新增卓越级智能工厂" in result.stdout and "目标：5个" in result.stdout


def test_the_demo_shows_and_presses_every_button_of_a_row(run):
    result = run(stdin="/set 工业投资总额 2000亿 1-10月\n:3\n:2\n/ask 工业投资进度\n",
                 env={"BOT_ADMIN_IDS": "1001", "BOT_TODAY": "2026-11-29"})
    assert result.returncode == 0, result.stderr
    assert "[1] 确认   [2] 取消" in result.stdout  # one row, both buttons
    assert "（只有 2 个按钮）" in result.stdout
    assert "已取消，没有修改任何数据。" in result.stdout and "暂无2026年数据" in result.stdout


@pytest.mark.parametrize("args, says, usage", [
    (("import",), "错误：缺少参数：FILE", "用法：python -m bot import [-h] [--yes] [--all] FILE"),
    (("bogus",), "错误：没有这个命令：bogus（可用的命令：ask, targets,", "用法：python -m bot [-h]"),
    (("ask", "--jsn", "x"), "错误：无法识别的参数：--jsn", "用法：python -m bot [-h]"),
    (("summary", "--chart"), "错误：--chart 后面应跟一个值", "用法：python -m bot summary [-h] [--chart OUT.png]"),
])
def test_a_typo_on_the_command_line_is_one_chinese_line_and_the_usage(run, args, says, usage):
    result = run(*args)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith(says) and lines[1].startswith(usage), result.stderr
    assert "error" not in result.stderr and "usage" not in result.stderr


def test_import_help_lists_every_table_and_its_required_columns(run):
    from knowledge.tables import SHEETS

    result = run("import", "-h")
    assert result.returncode == 0 and "用法：python -m bot import" in result.stdout
    for sheet in SHEETS.values():
        [line] = [l for l in result.stdout.splitlines() if l.strip().startswith(f"{sheet.name}：")]
        assert all(f"{column}*" in line for column in sheet.required), line


ISSUE_EXAMPLE = (  # MADE-UP figures, from the progress issue
    "indicator_id,city,period,value,unit,source_id\n"
    "工业投资总额,苏州,2026年1-10月,1980,亿元,article\n"
    "新增高新技术企业,苏州,2026年1-10月,420,家,article\n"
)


def test_progress_is_measured_against_the_data_period_not_today(run, tmp_path):
    (tmp_path / "figures.csv").write_text(ISSUE_EXAMPLE, encoding="utf-8")
    imported = run("import", "figures.csv", "--yes")
    assert imported.returncode == 0, imported.stderr
    # 29 November: 91.2% of the year has elapsed, but the figures cover 1-10月 = 83.3%.
    investment = run("ask", "工业投资进度", env={"BOT_TODAY": "2026-11-29"})
    assert investment.returncode == 0, investment.stderr
    text = investment.stdout
    for expected in ("完成率：79.2%", "序时进度：83.3%", "数据截至10月", "基本同步 🟢", "落后序时进度4.1个百分点",
                     "全年预计：2376亿元", "还需520亿元，月均260亿元"):
        assert expected in text, (expected, text)
    high_tech = run("ask", "高企新增进度", env={"BOT_TODAY": "2026-11-29"}).stdout
    assert "完成率：84.0%" in high_tech and "序时进度：83.3%" in high_tech and "🟢" in high_tech

    data = json.loads(run("ask", "工业投资进度", "--json", env={"BOT_TODAY": "2026-11-29"}).stdout)
    progress = data["results"][0]["progress"]
    assert progress["completion"] == pytest.approx(0.792)
    assert progress["time_progress"] == pytest.approx(10 / 12, abs=1e-6)
    assert progress["period"] == {"label": "2026年1-10月", "year": 2026, "first_month": 1, "last_month": 10,
                                  "kind": "cumulative"}
    assert (progress["status"], progress["colour"]) == ("基本同步", "🟢")
    assert progress["projection"]["run_rate"] == pytest.approx(2376)
    assert progress["projection"]["monthly_needed"] == pytest.approx(260)


def test_ctrl_c_in_the_demo_exits_at_once_without_a_traceback(tmp_path):
    import signal
    import time

    env = {**os.environ, "BOT_DB_PATH": str(tmp_path / "kb.db")}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    demo = subprocess.Popen([sys.executable, "-m", "bot"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=env, cwd=tmp_path)
    try:
        demo.stdin.write("私聊 研发投入\n")
        demo.stdin.flush()  # stdin stays open: the console reader is blocked waiting for the next line
        for line in demo.stdout:
            if "超4.25%" in line:
                break
        time.sleep(0.5)
        demo.send_signal(signal.SIGINT)
        output = demo.communicate(timeout=20)[0]
    finally:
        if demo.poll() is None:
            demo.kill()
    assert demo.returncode == 130 and "已取消" in output  # as every console command (tests/test_interrupts.py)
    assert "Traceback" not in output and "KeyboardInterrupt" not in output


def test_the_demo_works_on_a_copy_and_leaves_the_database_as_it_was(run, tmp_path):
    from knowledge.store import open_store

    result = run("demo", stdin="/subscribe 09:00\n/mode all\n苏州没有的指标xyz\n")
    assert result.returncode == 0, result.stderr
    assert "已订阅" in result.stdout  # the demo group subscribed — in the copy
    store = open_store(tmp_path / "kb.db")
    assert store.active_subscriptions() == [] and store.chat_mode(-1001000) == "mention"
    assert store.unanswered() == []
