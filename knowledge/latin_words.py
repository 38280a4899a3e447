"""The words knowledge/latin.py reads English with, and the Chinese words its pinyin rule may produce
besides indicator names and places. Data only.

Keys are lower case; words in a key are separated by one space and meet a hyphen, an apostrophe or
spaces in a message ("high-tech", "high tech"); a key also meets its plural (enterprises, loans).
Each maps to the Chinese word staff would use for it in a question.
"""

from __future__ import annotations

from knowledge.question_words import INCREMENT_MARKERS, INTENT_WORDS, NOISE_WORDS, RATIO_MARKERS, RELATIVE_YEARS

# The field's English terms: each names (part of) an indicator, so a message holding one is a question.
# Words of everyday English (excellent, pilot, champion) go only inside a phrase that makes them a term.
ENGLISH_TERMS = {
    "r&d": "研发", "r&d intensity": "研发强度", "r&d investment": "研发投入", "r&d spending": "研发投入",
    "r&d expenditure": "研发投入",
    "ai model": "大模型", "ai large model": "大模型", "large model": "大模型", "large language model": "大模型",
    "llm": "大模型", "foundation model": "大模型", "vertical model": "垂类大模型",
    "industrial ai model": "工业大模型", "industrial model": "工业大模型",
    "artificial intelligence": "人工智能", "ai enablement center": "人工智能赋能中心",
    "ai empowerment center": "人工智能赋能中心", "ai application center": "人工智能应用赋能中心",
    "enablement center": "赋能中心", "empowerment center": "赋能中心", "center": "中心", "centre": "中心",
    "high tech": "高新技术", "hi tech": "高新技术", "high technology": "高新技术",
    "high tech enterprise": "高新技术企业", "high tech company": "高新技术企业", "high tech firm": "高新技术企业",
    "high tech zone": "高新区", "high tech industry": "高新技术产业",
    "enterprise": "企业", "company": "企业", "firm": "企业",
    "unicorn": "独角兽", "gazelle": "瞪羚", "little giant": "小巨人", "single champion": "单项冠军",
    "manufacturing champion": "制造业单项冠军", "champion enterprise": "单项冠军企业",
    "champion firm": "单项冠军企业", "listed company": "上市公司",
    "manufacturing": "制造业", "manufacturing loan": "制造业贷款", "loan": "贷款", "balance": "余额",
    "dataset": "数据集", "data set": "数据集", "industrial dataset": "工业数据集", "high quality": "高质量",
    "smart factory": "智能工厂", "intelligent factory": "智能工厂",
    "factory": "工厂", "pilot factory": "领航级工厂", "pilot smart factory": "领航级智能工厂",
    "lighthouse factory": "领航级工厂", "excellent factory": "卓越级工厂", "excellent smart factory": "卓越级智能工厂",
    "computing power": "算力", "compute": "算力", "intelligent computing": "智算", "smart computing": "智算",
    "ai computing": "智算", "ai computing power": "智算规模",
    "output": "产值", "output value": "产值", "gross output": "总产值", "total output": "总产值",
    "industrial output": "工业产值", "gross industrial output": "工业总产值", "above designated size": "规上",
    "above scale": "规上", "a share": "a股", "a share listed company": "a股上市公司",
    "national high tech zone": "国家高新区", "national level": "国家级", "industrial": "工业", "industry": "产业",
    "billion yuan industry": "千亿产业",
    "investment": "投资", "industrial investment": "工业投资", "value added": "增加值", "added value": "增加值",
    "industrial value added": "工业增加值", "revenue": "营收", "producer services": "生产性服务业",
    "talent": "人才", "talent pool": "人才总量", "total talent": "人才总量", "talent total": "人才总量", "land": "用地", "industrial land": "产业用地", "project": "项目", "private": "民营",
    "informatization": "信息化", "integration": "融合", "gdp": "gdp", "ranking": "排名", "rank": "排名",
    "share": "占比", "proportion": "比重", "percentage": "占比", "ratio": "比重", "rate": "率",
    "scale": "规模", "size": "规模", "r&d institution": "研发机构", "coverage rate": "覆盖率", "coverage": "覆盖率",
    "land supply": "产业用地", "industrial land supply": "产业用地", "supply": "供应", "capacity expansion": "增资扩产",
    "major project": "亿元以上项目",
    # the targets as a whole are a thing asked about: "list all targets" lists them
    "targets": "目标", "goals": "目标", "indicators": "指标",
    "major industrial project": "亿元以上产业项目", "integration of informatization and industrialization": "两化融合",
    "informatization and industrialization integration": "两化融合", "two integration": "两化融合",
}

# Question words in English: they make a question only beside a term, a place or Chinese text.
ENGLISH_WORDS = {
    "target": "目标", "goal": "目标", "objective": "目标", "plan": "计划",
    "list": "列出", "all": "所有", "every": "所有",
    "tax deduction": "加计扣除", "super deduction": "加计扣除", "additional deduction": "加计扣除",
    "growth": "增长", "growth rate": "增速", "yoy": "同比", "year on year": "同比", "increase": "增加",
    "new": "新增", "newly added": "新增", "added": "新增", "total": "总", "progress": "进度",
    "completion rate": "完成率", "actual": "实际", "this year": "今年", "last year": "去年",
    "how many": "多少", "how much": "多少", "number of": "", "what is": "", "what's": "", "what are": "",
    "whats": "", "what": "", "is": "", "are": "", "the": "", "of": "", "for": "", "in": "", "please": "",
    "pls": "", "and": "和", "city": "市", "district": "区", "province": "",
    "right": "对吧", "correct": "对吗", "is it": "是不是", "or not": "吗", "what about": "那", "how about": "那",
    "vs": "和", "versus": "和", "compared with": "比",
}

# Places whose English name is not their pinyin (the others are read as pinyin, see knowledge/latin.py).
ENGLISH_PLACES = {
    "suzhou industrial park": "苏州工业园区", "sip": "苏州工业园区", "industrial park": "工业园区",
    "suzhou new district": "苏州高新区", "snd": "苏州高新区", "suzhou high tech zone": "苏州高新区",
    "hong kong": "香港", "hongkong": "香港", "hk": "香港", "macau": "澳门", "macao": "澳门", "taipei": "台北",
    "singapore": "新加坡", "tokyo": "东京", "seoul": "首尔", "shaanxi": "陕西", "inner mongolia": "内蒙古",
    "tibet": "西藏", "yangtze river delta": "长三角", "pearl river delta": "珠三角", "china": "中国",
    "nationwide": "全国", "harbin": "哈尔滨", "urumqi": "乌鲁木齐", "hohhot": "呼和浩特", "canton": "广州",
    "peking": "北京",
}

# Everyday English words that are part of a name only when written into it, beside its Chinese characters
# (单项champion, 小giant, excellent级智能工厂): read where the Chinese beside them and their word together
# make (part of) a name; elsewhere ("champion league", "a giant step") they stay as written.
EVERYDAY_WORDS = {
    "champion": "冠军", "giant": "巨人", "excellent": "卓越", "pilot": "领航", "lighthouse": "领航",
    "model": "模型", "smart": "智能", "intelligent": "智能", "digital": "数字", "data": "数据",
    "innovation": "创新", "technology": "技术", "tech": "技术", "service": "服务", "services": "服务",
    "power": "力", "computing": "算力", "total": "总量", "value": "值", "center": "中心", "centre": "中心",
    "invest": "投资", "supply": "供",
}

# Latin words kept as written: units and abbreviations, never read as pinyin (pflops is not "p-f-lo-ps").
KEPT = frozenset({"pflops", "eflops", "tflops", "gdp", "ai", "ppt", "pdf", "cpi", "ppi", "it", "ok", "a", "b"})

# Chinese question words the pinyin rule may produce (indicator names and places come from the
# vocabulary): "mubiao duoshao" → 目标多少, "jinnian" → 今年, "you jige" → 有几个.
PINYIN_WORDS = tuple(dict.fromkeys(
    [w for words in INTENT_WORDS.values() for w in words] + list(NOISE_WORDS) + list(INCREMENT_MARKERS)
    + list(RATIO_MARKERS) + list(RELATIVE_YEARS)
    + ["年", "月", "几", "几个", "几家", "第几", "排名", "同比", "增速", "增长", "企业", "家", "个", "项",
       "总", "新", "全国", "规模", "总额", "吗", "呢", "和", "跟", "在", "排", "第", "城", "城市", "哪个", "哪些",
       "什么", "还差", "比", "多", "少", "市", "区"]
))
