"""The bot's HTTP client (bot/aiohttp_request.py): what reaches the server, and how failures surface."""

import asyncio

import pytest
from aiohttp import web
from telegram import InputFile
from telegram.error import NetworkError, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.aiohttp_request import AiohttpRequest
from tests.harness import free_port


def run(coroutine):
    return asyncio.run(asyncio.wait_for(coroutine, timeout=180))


async def serve(handler):
    """A one-route aiohttp server on 127.0.0.1; returns (runner, url)."""
    app = web.Application()
    app.router.add_post("/bot1/method", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    return runner, f"http://127.0.0.1:{port}/bot1/method"


def test_parameters_arrive_as_a_form_and_the_reply_comes_back_unchanged():
    async def body():
        seen = {}

        async def handler(request):
            seen.update(await request.post())
            return web.json_response({"ok": True, "result": True}, status=200)

        runner, url = await serve(handler)
        request = AiohttpRequest()
        await request.initialize()
        try:
            data = RequestData([RequestParameter.from_input("chat_id", 7),
                                RequestParameter.from_input("text", "研发 <b>&"),
                                RequestParameter.from_input("reply_markup", {"inline_keyboard": [[{"text": "a"}]]})])
            status, payload = await request.do_request(url, "POST", data)
        finally:
            await request.shutdown()
            await runner.cleanup()
        assert (status, payload) == (200, b'{"ok": true, "result": true}')
        assert seen == {"chat_id": "7", "text": "研发 <b>&", "reply_markup": '{"inline_keyboard": [[{"text": "a"}]]}'}

    run(body())


def test_a_file_goes_as_multipart_with_its_name_and_type():
    async def body():
        seen = {}

        async def handler(request):
            form = await request.post()
            upload = form["document"]
            seen.update(chat=form["chat_id"], name=upload.filename, type=upload.content_type,
                        content=upload.file.read())
            return web.json_response({"ok": True, "result": True})

        runner, url = await serve(handler)
        request = AiohttpRequest()
        await request.initialize()
        try:
            document = InputFile(b"a,b\n1,2\n", filename="targets.csv")
            data = RequestData([RequestParameter.from_input("chat_id", 7),
                                RequestParameter.from_input("document", document)])
            await request.do_request(url, "POST", data)
        finally:
            await request.shutdown()
            await runner.cleanup()
        assert seen == {"chat": "7", "name": "targets.csv", "type": "text/csv", "content": b"a,b\n1,2\n"}

    run(body())


def test_a_refused_connection_is_a_network_error():
    async def body():
        request = AiohttpRequest()
        await request.initialize()
        try:
            with pytest.raises(NetworkError, match="aiohttp"):
                await request.do_request(f"http://127.0.0.1:{free_port()}/bot1/method", "POST")
        finally:
            await request.shutdown()

    run(body())


def test_a_server_that_never_answers_times_out_after_the_read_timeout():
    async def body():
        released = asyncio.Event()

        async def handler(request):
            await released.wait()
            return web.json_response({"ok": True, "result": True})

        runner, url = await serve(handler)
        request = AiohttpRequest(read_timeout=0.3)
        await request.initialize()
        loop = asyncio.get_running_loop()
        started = loop.time()
        try:
            with pytest.raises(TimedOut):
                await request.do_request(url, "POST")
            assert loop.time() - started < 5
            unbounded = AiohttpRequest(read_timeout=None)
            await unbounded.initialize()
            with pytest.raises(TimedOut):  # a per-call read timeout (getUpdates' long poll) is applied
                await unbounded.do_request(url, "POST", read_timeout=0.1)
            await unbounded.shutdown()
        finally:
            released.set()
            await request.shutdown()
            await runner.cleanup()

    run(body())


def test_it_must_be_initialized_and_can_be_initialized_again_after_shutdown():
    async def body():
        async def handler(request):
            return web.json_response({"ok": True, "result": 1})

        runner, url = await serve(handler)
        request = AiohttpRequest()
        try:
            with pytest.raises(RuntimeError):
                await request.do_request(url, "POST")
            for _ in range(2):  # Application.initialize after a shutdown, as the tests' restarts do
                await request.initialize()
                assert (await request.do_request(url, "POST"))[0] == 200
                await request.shutdown()
        finally:
            await runner.cleanup()

    run(body())


def test_a_proxy_in_the_environment_is_used(monkeypatch):
    async def body():
        seen = []

        async def proxy(request):  # a forward proxy receives the absolute URL
            seen.append(str(request.url))
            return web.json_response({"ok": True, "result": True})

        runner, proxy_url = await serve(proxy)
        monkeypatch.setenv("HTTP_PROXY", proxy_url.rsplit("/bot1", 1)[0])
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        request = AiohttpRequest()
        await request.initialize()
        try:
            status, _ = await request.do_request("http://api.telegram.invalid/bot1/method", "POST")
        finally:
            await request.shutdown()
            await runner.cleanup()
        assert status == 200 and seen == ["http://api.telegram.invalid/bot1/method"]

    run(body())
