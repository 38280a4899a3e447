"""The domain of 苏州新型工业化目标助手: figures, their sources, matching and progress. No Telegram here."""
