"""Wiring of 苏州新型工业化目标助手: configuration, the command line and (later) the Telegram application."""
