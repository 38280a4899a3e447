"""/release end to end against the local Bot API stand-in: an admin pastes a (made-up) release in
several messages, sees the preview, confirms, and the answer shows the new figure; the same release
twice writes once; nobody else can feed or confirm it."""

import asyncio
import io
from pathlib import Path

from tests.group_chat import GROUP, MEMBER, OWNER, button, press, press_for_new, run, say

EXAMPLE = Path(__file__).resolve().parents[2] / "shared" / "eval" / "releases" / "example_2026_10.txt"


def halves(text):
    lines = text.splitlines()
    return "\n".join(lines[: len(lines) // 2]), "\n".join(lines[len(lines) // 2:])


async def paste_release(stand, text):
    """/release, the text in two messages (taken silently in a group), then the prompt's 完成."""
    prompt = await say(stand, "/release")
    for half in halves(text):
        stand.send_user_message(GROUP, half, user_id=OWNER, chat_type="supergroup")
    preview = await press_for_new(stand, prompt, "完成")
    assert "共收到2段" in preview["text"]
    return preview


def test_paste_in_two_messages_preview_confirm_then_the_answer_shows_it(tmp_path):
    async def body(stand):
        before = await say(stand, "/ask 工业投资进度")
        assert "暂无2026年数据" in before["text"]
        preview = await paste_release(stand, EXAMPLE.read_text(encoding="utf-8"))
        assert "读出 11 个数据：新增 11" in preview["text"]
        assert "工业投资总额 2026年1-10月：1986.2亿元，同比+7.5%" in preview["text"]
        assert "全市规模以上工业增加值同比增长6.2%" in preview["text"]  # listed as unplaced
        assert stand.answerer.store.db["changes"].count == 0
        done = await press(stand, preview, "确认")
        assert "已写入 11 个数据" in done["text"]
        after = await say(stand, "/ask 工业投资进度")
        assert "最新：1986.2亿元（2026年1-10月；同比增长7.5%）" in after["text"]
        assert stand.answerer.store.db["changes"].count == 11
        again = await paste_release(stand, EXAMPLE.read_text(encoding="utf-8"))
        assert "没有需要写入的更改" in again["text"] and "reply_markup" not in again
        assert stand.answerer.store.db["changes"].count == 11

    run(tmp_path, body)


def test_a_docx_captioned_release_and_a_restatement(tmp_path):
    import docx

    async def body(stand):
        text = EXAMPLE.read_text(encoding="utf-8")
        document = docx.Document()
        for line in text.replace("1986.2", "1990.4").splitlines():
            document.add_paragraph(line)
        buffer = io.BytesIO()
        document.save(buffer)
        await press(stand, await paste_release(stand, text), "确认")
        before = len(stand.sent_messages(GROUP))
        stand.send_document(GROUP, "通报.docx", buffer.getvalue(), caption="/release", user_id=OWNER,
                            chat_type="supergroup")
        preview = (await stand.wait_for_sent(GROUP, count=before + 1))[-1]
        assert "更正 1" in preview["text"] and "1986.2亿元，同比+7.5% → 1990.4亿元" in preview["text"]
        await press(stand, preview, "确认")
        assert "最新：1990.4亿元" in (await say(stand, "/ask 工业投资进度"))["text"]

    run(tmp_path, body)


def test_non_admins_change_nothing_and_cannot_confirm(tmp_path):
    async def body(stand):
        refused = await say(stand, "/release", user_id=MEMBER)
        assert "只有管理员" in refused["text"]
        preview = await paste_release(stand, EXAMPLE.read_text(encoding="utf-8"))
        # another member pastes and presses: their text is a question, their 确认 is refused
        stand.send_user_message(GROUP, "完成", user_id=MEMBER, chat_type="supergroup")
        stand.send_callback_query(GROUP, preview["message_id"], button(preview, "确认")["callback_data"],
                                  user_id=MEMBER)
        await asyncio.sleep(0.5)
        assert stand.answerer.store.db["changes"].count == 0
        cancelled = await press(stand, preview, "取消")
        assert "已取消" in cancelled["text"] and stand.answerer.store.db["changes"].count == 0
        # after the conversation ended, the owner's text is a question again, not a release part
        answer = await say(stand, "/ask 瞪羚企业")
        assert "力争1000家" in answer["text"]

    run(tmp_path, body)


def test_a_wrong_file_or_an_empty_release_is_refused(tmp_path):
    async def body(stand):
        before = len(stand.sent_messages(GROUP))
        stand.send_document(GROUP, "通报.pdf", b"%PDF-1.4", caption="/release", user_id=OWNER, chat_type="supergroup")
        reply = (await stand.wait_for_sent(GROUP, count=before + 1))[-1]
        assert ".txt 或 .docx" in reply["text"]
        prompt = await say(stand, "/release")
        empty = await press_for_new(stand, prompt, "完成")
        assert "通报内容为空" in empty["text"]
        assert stand.answerer.store.db["changes"].count == 0

    run(tmp_path, body)


def test_in_a_private_chat_each_part_is_acknowledged_and_typing_wancheng_ends(tmp_path):
    async def body(stand):
        async def private(text):
            before = len(stand.sent_messages(OWNER))
            stand.send_user_message(OWNER, text, user_id=OWNER)
            return (await stand.wait_for_sent(OWNER, count=before + 1))[-1]

        first, second = halves(EXAMPLE.read_text(encoding="utf-8"))
        await private("/release " + first)
        ack = await private(second)
        assert "已收到第2段" in ack["text"]
        preview = await private("完成")
        assert "读出 11 个数据" in preview["text"] and "确认" in str(preview["reply_markup"])
        # a question sent while confirming is not taken for the release
        assert stand.answerer.store.db["changes"].count == 0

    run(tmp_path, body)
