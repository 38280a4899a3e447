"""/release must not hurt the bot (issue 21), end to end against the local Bot API stand-in: a release is
read in a worker thread, so another chat is answered meanwhile; a preview of thousands of unplaced
numbers is one message with the first 20 of each list and the full lists as a file; in a forum topic
the preview and its 确认 stay in the topic and only that topic's messages are collected; a 完成 pressed
after a restart says the pasted text was not kept. Every figure here is made up."""

import asyncio
import threading
from datetime import date

import knowledge.releases.plan as release_plan
from knowledge.releases import read_release
from knowledge.store import open_store
from tests.group_chat import GROUP, OWNER, button, press, press_for_new, run, say
from tests.harness import standin
from tests.test_admin_flows import running
from tests.test_release_chat import EXAMPLE, halves

READ_ON = date(2026, 11, 26)


class HeldReading:
    """Holds the next reading of a release (read_release) open until `release()`: `entered` is set when it
    begins, `done` when it has returned. It gives up holding after HOLD_SECONDS, so that a reading on the
    event loop (which then cannot be released) ends and the test fails instead of hanging."""

    HOLD_SECONDS = 20

    def __init__(self, monkeypatch):
        self.entered, self.done, self._release = threading.Event(), threading.Event(), threading.Event()

        def held(text, store, today):
            self.entered.set()
            self._release.wait(self.HOLD_SECONDS)
            try:
                return read_release(text, store, today)
            finally:
                self.done.set()

        monkeypatch.setattr(release_plan, "read_release", held)

    def release(self) -> None:
        self._release.set()


def test_another_chat_is_answered_while_a_release_is_read(tmp_path, monkeypatch):
    held = HeldReading(monkeypatch)

    async def body(stand):
        stand.send_document(GROUP, "通报.txt", EXAMPLE.read_bytes(), caption="/release", user_id=OWNER,
                            chat_type="supergroup")
        assert await asyncio.to_thread(held.entered.wait, 120), "the reading never began"
        stand.send_user_message(1001, "高企新增多少家", user_id=1001)
        [reply] = await stand.wait_for_sent(1001, timeout=60)
        assert "500家" in reply["text"]
        assert not held.done.is_set(), "the question was answered only after the release was read"
        held.release()
        [preview] = await stand.wait_for_sent(GROUP, timeout=60)
        assert "确认写入这 11 个数据吗" in preview["text"]

    run(tmp_path, body)


def many_unplaced(count: int) -> str:
    """The example release and `count` made-up numbers that name no indicator of the knowledge base."""
    lines = [f"虚构测试项目第{n}项完成{n}.5亿元。" for n in range(1, count + 1)]
    return EXAMPLE.read_text(encoding="utf-8") + "\n" + "\n".join(lines)


def test_a_preview_of_thousands_of_unplaced_numbers_is_one_message_and_a_file(tmp_path):
    text = many_unplaced(2800)
    unplaced = len(read_release(text, open_store(), READ_ON).unplaced)
    assert unplaced > 2800

    async def body(stand):
        before = len(stand.sent_messages(GROUP))
        stand.send_document(GROUP, "通报.txt", text.encode("utf-8"), caption="/release", user_id=OWNER,
                            chat_type="supergroup")
        file, preview = (await stand.wait_for_sent(GROUP, count=before + 2))[-2:]
        await asyncio.sleep(0.5)
        assert len(stand.sent_messages(GROUP)) == before + 2  # nothing more follows
        shown = preview["text"]
        assert f"未能对应到指标的数字（不写入）：{unplaced} 处" in shown
        assert f"……另有 {unplaced - 20} 处未列出（完整清单见所附文件）" in shown
        assert shown.count("没有读出对应的指标") + shown.count("没有找到") <= 20
        assert "确认写入这 11 个数据吗" in shown and button(preview, "确认")
        full = stand.files[file["document"]["file_id"]].decode("utf-8-sig")
        assert file["document"]["file_name"].endswith(".txt")
        assert "虚构测试项目第1项" in full and "虚构测试项目第2800项" in full and "另有" not in full
        assert full.count("\n· ") == 11 + unplaced
        done = await press(stand, preview, "确认")
        assert "已写入 11 个数据" in done["text"]

    run(tmp_path, body)


def test_a_short_preview_sends_no_file(tmp_path):
    async def body(stand):
        prompt = await say(stand, "/release " + EXAMPLE.read_text(encoding="utf-8"))
        preview = await press_for_new(stand, prompt, "完成")
        assert "另有" not in preview["text"]
        assert not any("document" in m for m in stand.sent_messages(GROUP))

    run(tmp_path, body)


def test_in_a_forum_topic_the_preview_and_its_confirm_stay_in_the_topic(tmp_path):
    async def body(stand):
        topic = stand.open_topic(GROUP, "数据录入", user_id=OWNER)
        prompt = await say(stand, "/release " + EXAMPLE.read_text(encoding="utf-8"), message_thread_id=topic)
        assert prompt.get("message_thread_id") == topic
        preview = await press_for_new(stand, prompt, "完成")
        assert "确认写入这 11 个数据吗" in preview["text"]
        assert preview.get("message_thread_id") == topic and preview.get("is_topic_message")
        done = await press(stand, preview, "确认")
        assert "已写入 11 个数据" in done["text"] and done.get("message_thread_id") == topic
        assert not [m for m in stand.sent_messages(GROUP) if "message_thread_id" not in m]  # nothing in General

    run(tmp_path, body)


def test_in_a_forum_topic_only_that_topics_messages_are_collected(tmp_path):
    async def body(stand):
        topic = stand.open_topic(GROUP, "数据录入", user_id=OWNER)
        other = stand.open_topic(GROUP, "闲聊", user_id=OWNER)
        prompt = await say(stand, "/release", message_thread_id=topic)
        first, second = halves(EXAMPLE.read_text(encoding="utf-8"))
        stand.send_user_message(GROUP, first, user_id=OWNER, chat_type="supergroup", message_thread_id=topic)
        # the same admin, in another topic of the same group and in General: not part of the release
        stand.send_user_message(GROUP, "虚构测试项目完成12.5亿元", user_id=OWNER, chat_type="supergroup",
                                message_thread_id=other)
        stand.send_user_message(GROUP, "虚构测试项目完成13.5亿元", user_id=OWNER, chat_type="supergroup")
        stand.send_user_message(GROUP, second, user_id=OWNER, chat_type="supergroup", message_thread_id=topic)
        preview = await press_for_new(stand, prompt, "完成")
        assert "共收到2段" in preview["text"] and "虚构测试项目" not in preview["text"]
        assert "确认写入这 11 个数据吗" in preview["text"]

    run(tmp_path, body)


def test_wancheng_after_a_restart_says_the_pasted_text_was_not_kept(tmp_path):
    async def main():
        async with standin(admins={GROUP: [OWNER]}) as stand:
            async with running(tmp_path, stand):
                prompt = await say(stand, "/release")
                first, _ = halves(EXAMPLE.read_text(encoding="utf-8"))
                stand.send_user_message(GROUP, first, user_id=OWNER, chat_type="supergroup")
                await asyncio.sleep(0.5)
            async with running(tmp_path, stand):  # the bot restarted
                pressed = await press(stand, prompt, "完成")
                assert "重启" in pressed["text"] and "没有保留" in pressed["text"]
                assert "重新发送 /release" in pressed["text"] and "粘贴" in pressed["text"]
                assert "reply_markup" not in pressed
                assert stand.answerer.store.db["changes"].count == 0

    asyncio.run(asyncio.wait_for(main(), 180))


def test_the_unplaced_lines_of_a_long_sentence_without_marks_stay_short():
    """2,000 made-up figures in one 25,000-character sentence with no punctuation: each unplaced line is
    its number with at most 60 characters each side, not the whole sentence again (before, the lines of
    such a sentence held its length times the figures' count: 2,000 × 25,000 characters)."""
    text = "".join(f"虚构测试项目{n}.5亿元同比增长1.5%" for n in range(1, 1500))
    assert "，" not in text and "。" not in text and len(text) > 25_000
    unplaced = read_release(text, open_store(), READ_ON).unplaced
    assert len(unplaced) > 1000
    assert max(len(u.fragment) for u in unplaced) <= 2 * 60 + 20
    assert "1499.5亿元" in unplaced[-1].fragment
