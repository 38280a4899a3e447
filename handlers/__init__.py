"""Telegram handlers: read the Update, call knowledge, render, reply. No SQL here."""
