"""The words and patterns a question is read with: the polite wrapper and the purpose of a question
(写材料要用, 领导让我查一下), the intent words (目标 / 进度 / 实际), the words that carry no meaning for
matching, places and ranking scopes, years, periods, figures quoted back, ranks, lists, 同比 and
数据截至几月. Data only: knowledge/questions.py applies them in order.
"""

from __future__ import annotations

import re

from knowledge.places import ASKED_PLACES, RANK_SCOPES

SCOPE_SYNONYMS = {"中国": "全国", "国内": "全国", "全省": "江苏", "省内": "江苏"}
PLACES_AND_SCOPES = tuple(sorted(set(ASKED_PLACES) | set(RANK_SCOPES), key=len, reverse=True))


INTENT_WORDS = {
    "progress": ("完成情况", "完成率", "完成进度", "进度", "进展", "能不能完成", "能否完成", "能完成",
                 "完成得", "完成了", "完成", "建完", "建成", "做完", "干完", "咋样了", "咋样", "怎么样了", "还差", "差多少", "搞得", "做得"),
    "target": ("目标值", "大目标", "总目标", "目标", "任务", "计划", "规划", "要求", "指标", "盘子"),
    "actual": ("实际值", "实际", "实绩", "最新", "现在", "目前", "当前", "现状"),
    "source": ("来源", "出处", "出自", "依据"),
}
NOISE_WORDS = (
    "特别是", "尤其是", "比如说", "比如", "例如", "譬如", "包括",  # …，特别是工业增加值、投资: the items follow
    "我想知道", "想知道", "告诉我", "请问", "请教", "麻烦", "帮我", "帮忙", "查一下", "查询", "查下",
    "看一下", "看看", "看下", "问一下", "问下", "问问", "一下", "是多少", "有多少", "多少", "有几个",
    "几个", "几家", "有几", "多大", "多高", "怎么样", "怎样", "如何", "情况", "要达到", "达到", "要到",
    "哪个文件", "哪份文件", "哪里", "能不能", "能否", "会不会", "有没有", "没有", "超过", "突破",
    "各自", "分别", "以来", "各", "达", "离", "了", "哪些", "什么", "全年度", "全年", "全市", "我市", "本市", "市里", "咱们", "我们", "今年的",
    "的", "是", "有", "要", "啥",
)
TRAILING_PARTICLES = "吗呢呀啊吧了么嘛哦"
# At the end of a clause also: 请问一下哈, 能完成不, 供得 (kept out of core_of, which names go through:
# "哈哈哈哈" must stay chatter for /alias rather than vanish).
CLAUSE_PARTICLES = TRAILING_PARTICLES + "哈啦不得"
RATIO_MARKERS = ("比重", "占比", "比例", "占", "率", "强度", "一半")
# "专精特新企业总数" asks for a stock; a target for how many are *added* this year is not its answer.
# Not 累计: "今年累计完成" is the year's additions so far.
STOCK_MARKERS = ("总数", "总共", "一共", "共有", "现有", "存量", "保有")
INCREMENT_MARKERS = ("新增", "新培育", "新认定", "新供", "新建", "新引进", "增加", "增长")
# 有几家, 现在有多少: how many exist, a total — unless a plan is asked (要, 计划, 目标 …; see questions.py).
EXISTING = re.compile(r"(?:现在|目前|现有|已有|已经有|有)(?:多少|几)"
                      r"|余额(?:是|有|为)?(?:多少|几)")  # a balance asked (余额是多少) is what stands, not what is added
PLAN_ASKED = re.compile(r"要|需|计划|力争|争取|将|预计|目标|任务|(?:能|会|可以)有")  # 能有几家: can reach
PLANNED_SUM = re.compile(r"(?:一共|总共|合计|共)(?=要|需要|计划|得|将)")
# 都/各/分别/一共 … say how the things listed are counted, not which: "高企、小巨人、单项冠军都要新增多少"
# asks about 单项冠军, not "单项冠军都". Dropped where they end a part or stand before its verb.
ADVERB = re.compile("(?:都|均|也|又|各|分别|各自|一共|总共|合计|共计|全部|统统|一起)+(?=$|"
                     + "|".join(INCREMENT_MARKERS + ("累计", "建设", "建", "培育", "引进", "实施", "入库", "争创"))
                     + ")")

# Why a figure is wanted — a report to write, a meeting, a superior asking — frames the question and
# names nothing: 汇报材料里要写…, 明天开会要用…, …要写进报告里, 领导让我查一下…. A document or meeting
# word goes only together with a verb of writing or using it, so that a name with 材料 in it stays whole.
_WHEN = (r"(?:(?:明天|今天|后天|上午|中午|下午|晚上|待会儿?|一会儿?|等下|马上|周[一二三四五六日末]|下周[一二三四五六日]?|月底)"
         r"(?:之前|以前|前|之后|以后)?)?")
_WHO = r"(?:我这边|这边|我们这边|我们|我)?"
_DOCUMENT = (r"(?:汇报材料|汇报稿|汇报|材料|周报|月报|年报|报告|稿子|简报|ppt|总结|讲话稿|发言稿|台账|报表|"
             r"文稿|会议|开会|会上|例会|调度会|上会)")
_IN = r"(?:里面|里|中|上)?"
_BOSS = r"(?:领导|上级|主任|处长|科长|局长|老板)"
_PURPOSE = (
    # 为了准备周报, 写材料要用, 写汇报需要
    _WHEN + _WHO + r"(?:要|需要|得)?(?:为了|为|给)?" + _WHEN + r"(?:写|准备|整理|做|报|赶|弄|交|改)(?:个|一下|一份|一个)?"
    + _DOCUMENT + _IN + r"(?:要用到|要用|需要用|需要|里要用|用(?!地))?",
    # 汇报材料里要写, 开会要用, 会上要汇报, 周报里需要引用
    _WHEN + _WHO + _DOCUMENT + _IN + r"(?:要|需要|得|会)?(?:用到|用(?!地)|写|引用|填|放|提到|体现|列|报|汇报|讲)"
    r"(?:到|进|上)?",
    # 要写进报告里, 用于汇报
    r"(?:要|需要|得)?(?:写进|写到|写入|放进|放到|放在|用于|用在|填进|填到|填入|报给)(?:个|一下)?" + _DOCUMENT + _IN
    + r"(?:去|用)?",
    # 领导要…, 领导让我查一下…, 领导要求的…
    _BOSS + r"(?:让我|叫我|要我|让|问|需要|催|要(?!求)|(?=要求|布置|交代))(?:查|问|看|了解|统计|报)?(?:一下|下)?",
    # 给领导汇报用, 要向领导报
    r"(?:要|需要|得)?(?:给|向|跟)" + _BOSS + r"(?:汇报|报告|报|交|看)?(?:用|要用|需要)?",
)

# The tasks of an office, done to figures (帮我整理独角兽, 汇总一下工业投资, 把用地数拉一下, 核一下贷款): a task
# verb before or after a mention takes it as its object and is no modifier of a larger noun. One-character
# verbs only with 一下/下 (核一下), as a wrapper (POLITE): alone 核, 拉, 列 are too short to tell.
TASK_VERBS = (r"(?:整理|汇总|梳理|统计|收集|搜集|准备|核对|核实|核算|复核|摸排|摸底|盘点|对标|对照|比对|汇报|上报|"
              r"报送|填报|填写|导出|摘录|抄送|罗列|列出|找出|拉出|调取|调出|更新)")
TASK_ONCE = rf"(?:帮(?:我|忙)?|给我|请|麻烦)?(?:{TASK_VERBS}|拉|核|算|列|找|弄|对|调|导|汇|填|抄|摘|整)(?:一下|下)(?!来|去)"
# The wrapper staff put around a question: greetings, apologies, thanks, purpose. Removed whole.
POLITE = re.compile("|".join((
    r"(?:各位|各)?(?:(?:领导|老师|同事|同志|大家|您|你|亲|小助手|助手|机器人)(?:们)?)+(?:早上|上午|中午|下午|晚上)?好(?:呀|啊|哈)?",
    r"(?:早上|上午|中午|下午|晚上)好", r"早安", r"(?:各位|大家)好?", r"hello", r"hi", r"哈喽", r"嗨",
    r"(?:非常|十分)?(?:谢谢|多谢|感谢)(?:啦|了|您|你|领导|各位|大家|老师)*(?:谢谢|感谢|多谢)*",
    r"辛苦(?:了|啦|你了|您了|各位|大家)?",
    r"不好意思(?:哈|啊|了)?", r"打扰(?:了|一下|下)?", r"冒昧(?:地)?(?:问一句|问一下|问下)?", r"抱歉",
    r"(?:我)?想(?:再)?确认(?:一)?下", r"再确认(?:一次|一下|下)?", r"确认(?:一)?下",
    r"(?:我)?想了解(?:一下|下)?", r"了解(?:一下|下)",
    r"能否告知", r"告知(?:一下|下)?", r"提供(?:一下|下)?", r"(?:可以|能)告诉我",
    r"(?:能|可以|可否|能不能|能否)?(?:帮(?:我|忙)?|给我)(?:看|查|找|搜)(?:一下|下)?",
    r"(?:请|麻烦)?(?:给|发|报|递)(?:我|我们)?(?:一下|下)", TASK_ONCE, r"(?:发给|给|发)(?:我|我们)$", r"请教(?:一下|下)?", r"问一句", r"(?:我)?想(?:问|查|看|找)(?:问|查|看|一下|下)?", r"求问", r"另外",
    *_PURPOSE,
    r"(?:着急|急)用", r"在线等",
)))
# Said to the bot rather than asked of it: answered with one line that points to /help.
GREETING = re.compile(r"你好|您好|hello|hi|哈喽|嗨|在吗|在不在|你是谁|你是什么|你叫什么|你能做什么|"
                      r"你会什么|你会干什么|怎么用|如何使用|有什么功能|help|帮助")
# Spoken-input fillers (voice typing keeps them): hesitations (嗯, 呃), pointing words with nothing
# pointed at (那个, 那个数), 就是, 来着 and 我忘了 after a question, 你帮我看下 before one. Each becomes a
# clause break, so the words around it are read apart.
FILLERS = re.compile(r"(?:啊|哎|唉)?我(?:又)?(?:忘了|记不清了?|记不得了?|不记得了?|想不起来了?)|来着|"
                     r"(?:我记得|我印象中|我印象里)?(?:好像|貌似|似乎)?有一?个(?=[\u4e00-\u9fff]{2})|"
                     r"我记得好像|我记得|我印象中|我印象里|好像|貌似|似乎|嗯+|呃+|(?<!这)那个(?:数字|数据|数)?|这个数(?:字|据)?|就是说?|然后呢?"
                     r"|(?:你|您)(?=帮|给)|我想问(?:一下|下)?哈?")
# What is done to what an indicator counts (建设 项目, 供应 用地, 突破 3万亿) or how much of it is meant
# (现有, 存量): such a word beside a mention is no word of a larger noun (knowledge/mentions.py), unlike
# 公寓 in 人才公寓 or 券 in 算力券. 级 stands for no modifier of its own (国家级 is the 国家 of a name).
ACTION_WORDS = re.compile(r"实施|推进|供应|供给|供地|建设|建成|建|培育|引进|认定|入选|突破|破|超过|超|达到|达|实现|落地|"
                          r"开工|投产|完成|保持|提升|提高|增长|增加|下降|安排|部署|申报|需要|需|请给出|请给|给我|发我|报|级|"
                          r"现有|现|存量|保有|共有|"
                          # how a figure is set or asked after (定的多少, 要到多少, 具体新增, 问到…的事)
                          r"设定|制定|定|要到|具体|到底|究竟|大概|目前|问到|提到|涉及|事情|事|"
                          r"引用|查询|查|了解|确认|核实|核对|提供|用到|给出|列出|报送|写的|写|想要|想请问|请问|想|"
                          # how much of it (的规模, 年度, 能到, 要冲) and a count of kinds (三类企业)
                          r"能达到|能到|可达|要冲|冲|年度|规模|情况|差不多|将近|接近|几乎|估计|"
                          r"[两二三四五六七八九几](?:类|种)|"
                          r"[两二三四五六七八九几](?:个|项)(?:数字|数据|数|指标|目标)?|参照|参考|告知|写到|请|"
                          # joining or becoming one of a group of cities or firms (迈入万亿城市行列, 成为…5万亿城市)
                          r"进入|迈入|跨入|跻身|迈进|挺进|晋级|成为|"
                          # how the plan sets it (两化融合是怎么定的, 怎么写的): the figure is what is asked
                          r"怎么(?=定|写|说|讲|提|规定|安排)|"
                          rf"{TASK_VERBS}")
# Modal verbs and adverbs of time and degree (会进入…, 将迈入…, 一三年深圳规上工业总产值才多少, 已经是…城市):
# beside a mention they are no part of a larger noun. One character each, and inside names (智能, 人才,
# 要素), so they explain a mention's neighbours only and are never taken out of a name's own words.
MODALS_AND_ADVERBS = re.compile(r"可能|已经|会|将|要|能|已|才|仅|只|还|都|也|就")
# Particles and pointing words that end a noun phrase: a word beyond one of them is not glued to a
# mention (行动方案里|说|垂类大模型, 产业用地|那|一条), unlike 人才|公寓 with nothing between. 的 ends
# one only before a mention (行动方案的|规上工业总产值); after it, the mention is what modifies the
# noun that follows (独角兽的|乐园: a 乐园, not 独角兽).
# Each is a particle only where it does not begin a word: 中 ends a phrase (方案中), but 中心, 中小, 中国,
# 中期 … are words, and a word beyond a mention is glued to it (智算|中心 is a 中心, not 智算规模).
PHRASE_ENDS = re.compile(r"里面|里|中(?![心小国期央部型间等试])|之|说|讲|对于|关于|对|那|这|条|句|在|是|把")
MODIFIER_MARK = "的"
# A year, month or amount the slot readers did not take (二〇一三年 written in a way not read): the
# words beside a mention may be filler, but not this — answering without it would give another
# year's or another amount's figure.
UNREAD_NUMBER = re.compile(r"[0-9〇零一二两三四五六七八九十百千万]+(?:年|月|季度|亿|万|%|个百分点)|百分之")
# A number written in digits, read whole: the 5 of 5万亿城市 is not the 5 of a name's 2025.
NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
# 那 opening a clause points back; 把 opens "把X给我": neither is a word of the thing asked.
LEAD_PARTICLE = re.compile(r"^(?:那么|那|(?:麻烦|请|帮我|帮忙)?把)")
FOLLOW_UP = re.compile(r"^(?:那么|那|还有|再看看?|换成)|呢$")
# Asked of the people in the chat, not of the bot: 谁有充电器, 谁来写材料, 谁知道…
# (a closing 谁知道 after the question asks the figure of whoever knows it, the bot included)
TO_PEOPLE = re.compile(r"谁(?!帮我?确认|帮忙确认|帮我?核)(?:有|来|去|在|能|会|帮|负责|写|发|拿|带)|谁知道(?!/*$|具体|数)")
# A clause that only addresses someone: "领导，…", "各位老师，…".
VOCATIVE = re.compile(r"(?:各位|各)?(?:(?:领导|老师|同事|同志|专家|主任|处长|科长|局长)(?:们)?)+")

MENTION = re.compile(r"@[a-z0-9_]{3,}")
# HTML pasted or typed around a question (<b>高企</b>, <script>…</script>) is markup, not words of it.
MARKUP = re.compile(r"<(script|style)\b[^<>]*>.*?</\1\s*>|</?[a-z][a-z0-9]*\b[^<>]{0,80}>", re.S)
# "多少家", "几个", "多少亿元": asking for a number, with its unit, says nothing about which indicator.
HOW_MANY = re.compile(r"(?:百分之|哪)?(?:多少|几)(?:万亿|亿|万|千)?(?:元|个|家|亩|人|项|倍|pflops|p(?![a-z]))?")  # 百分之几: what share; 哪几: which
COUNTED = re.compile(r"[两二三四五六七八九十](?:个|项)(?=目标|指标|数|/|$)")
# "2013年那会", "13年的时候": back then, a year and nothing more; "2026年底", "26年末": its end, which a
# year's target or figure is of.
_BACK_THEN = r"(?:底|末)?(?:那会儿?|那时候?|当时|的时候|时)?"
YEAR = re.compile(r"(?<![0-9.])(19[5-9][0-9]|20[0-4][0-9])(?:(?:年度|年)" + _BACK_THEN + r")?(?![0-9]*[.亿万千个家%])")
SHORT_YEAR = re.compile(r"(?<![0-9.])([0-4][0-9])年" + _BACK_THEN)  # "13年" → 2013
# Years counted from today. Longer words first: 大前年 (three years back) holds 前年, 大后年 holds 后年;
# a year's end (今年底) is that year.
RELATIVE_YEARS = {"今年年底": 0, "今年底": 0, "今年": 0, "本年度": 0, "本年": 0, "去年": -1, "上一年": -1, "上年": -1,
                  "大前年": -3, "前年": -2, "大后年": 3, "后年": 2, "明年": 1}
# "比上年多了多少": the difference from the year before, which names no second year.
PREVIOUS_YEAR = re.compile(r"(?:比|较|相比|相较于?|对比)(?:上年|去年|上一年|前一年)(?:同期)?|同比")
# A figure quoted back: a number with a magnitude or a unit (5万亿, 180家, 57%), or a bare one of
# three or more digits or with decimals (2500, 4.89). Years are taken out before this runs.
# A number that is part of a name (世界500强, 第3代, 前10名, 500强企业, 2万亿城市 — 两万亿城市 as the question
# reader writes it in digits, 千亿级) is no quantity: not after 第/前, not before 强/代/名/位/城市/级 ….
FIGURE = re.compile(r"(?<![0-9.a-z第前])([0-9]+(?:\.[0-9]+)?)(万亿|千亿|亿|万|千)?(元|家|个|亩|人|项|pflops|%)?"
                    r"(?![0-9.万亿千]|强|代|名|位|佳|届|次|批|期|号|周年|型|系列|城|级)")  # 5万亿城市: a kind of city
ASKS_YEAR = re.compile(r"哪一年|哪年|哪个年份|什么时候|啥时候|何时|几几年")
NAMES_CITY = re.compile(r"(?:哪个|哪座|哪一个|什么)(?:城市|市|地方)|是哪里")
ASKS_CITY = re.compile(r"(?:是)?(?:哪个|哪座|哪一个|什么)(?:城市|市|地方)|是哪个(?![指目数项])|是哪里|是谁|谁")
# "2024年增了多少亿": an increase asked of one year is its increase over the year before.
INCREASE_ASKED = re.compile(r"(?:增加|增|涨|多)了多少|多出多少|增加多少|增量")
COMPARE = re.compile(r"相差|差距|(?<!还)差了?多少|(?:差|多|少)几(?:个|家|项)?|多了?多少|少了?多少|多出|高出|低了?多少|"
                     rf"{INCREASE_ASKED.pattern}|(?<!占)比(?![重例率上去])")
WHICH_MORE = re.compile(r"(?:谁|哪个|哪一个)(?:的)?(.*?)(?:更)?(?:多|高|大|少|低)")
ORDINALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
# Ways of asking for a rank, folded to the word the ranking indicators use.
# 前面是谁 after a rank asks who is ahead, which the rank's own record names (仅次于上海).
RANK = re.compile(r"排(?:名)?第几|第几(?:名|位|城|个|座|(?!条|项|款|章|节|段|句|页|部分))|排几|排在第几|排老几|老几"
                  r"|(?<=第几)/?(?:排在)?(?:它|苏州)?前面的?(?:是谁|有谁|还有谁|是哪个城市|是哪个|是哪些|是哪里)")
# 排全国第几, 排名全省第几: the 排 before a scope is the 第几 after it asked as a rank, no word of the name before.
SCOPED_RANK = re.compile(r"排名?(?=在?(?:" + "|".join(RANK_SCOPES) + r")第几)")
# 第三代, 第二批, 第三产业, 第三方 are names, not ranks.
ORDINAL = re.compile(r"(?:排名?|位居|位列|居)?第([一二三四五六七八九十]|[1-9][0-9]?)(?:名|位|城|大)?"
                     r"(?![0-9]|个|季度|代|批|届|次|期|轮|号|条|款|章|产业|方|步|阶段|类|种|部|项|天|年|月|季|版)")
# 最先/第一个/首个 ask who came first, as 最多 asks who is first (a figure reached: knowledge/firsts.py).
TOP = re.compile(r"最多|最高|最大|最强|居首|领先|最先|最早|率先|第一个|首个|头一个|头一家|头一座")
LIST_WORDS = re.compile(r"哪些|有啥|列出|列一下|列个|所有|全部|(?<=目标|指标|任务)清单|一共|总共|共有|共(?=多少|几)")  # 项目清单 is no list asked
LIST_NOUN = re.compile(r"目标|指标|任务")
COUNT = re.compile(r"(?:多少|几)(?:个|项|条)")
# 卓越数, 领航个数, 冠军的数量: "the number of" after a short form of a name, which the name itself lacks.
COUNT_TAIL = re.compile(r"的?(?:个数|数量|数目|数)$")
# 智能工厂建设, 单项冠军培育: what is done about the things named, after their name.
ACTIVITY = re.compile(r"的?(?:建设|培育|发展|工作|打造|推进|认定)+$")
CATEGORY_TAIL = re.compile(r"方面|领域|板块|类|相关")
# 同比 / 增速 asks for the indicator's published growth rate, a slot like 目标/进度: "工业投资同比增长多少"
# is about 工业投资, not about an indicator named "…增长". An amount (同比多了多少亿, 增加了多少) stays a
# difference between two years.
GROWTH = re.compile(r"(?:同比)?(?:增速|增长率|增幅|涨幅|增长速度|增长幅度)(?:是|为)?(?:多少|几)?(?:个百分点|%)?"
                    r"|同比(?:增长|上升|提高|下降|减少|回落)?了?(?:多少|几)?(?:个百分点|%)?"
                    r"|(?:增长|下降)了?(?:多少|几)(?:个百分点|%)?")
AMOUNT_ASKED = re.compile(r"(?:多|少|增加|减少)了?(?:多少|几)|多出|(?:多少|几)(?:万亿|千亿|亿|万|千)?(?:元|家|个(?!百分点)|人|亩|项)"
                          r"|多少(?:万亿|千亿|亿|万)")
# A dash between two numbers of months (1-10月, 1—10月, １－１０月) is read as 至 before punctuation goes.
RANGE_DASH = re.compile(r"(?<=[0-9一二三四五六七八九十两])\s*[-—–~〜]+\s*(?=[0-9一二三四五六七八九十两])")
# "冠军+小巨人": a plus sign between words joins the things asked about, as 和 does (not 1+1).
PLUS_JOIN = re.compile(r"(?<![0-9])\s*\+\s*(?![0-9])")
# "1.高企 2.小巨人" / "1、高企": a list's item numbers open a clause (not 1.2万亿, nor 2026.1).
ITEM_NUMBER = re.compile(r"(?:^|(?<=[\s,，;；、]))[0-9]{1,2}\s*[.、)）](?![0-9])")
# "两化达成度89%？": a figure ending the message with a question mark asks whether it is right, as 吗 does
# (unless 是不是/是否 already asks it); a bound word or 多 may end it (1000亿以上？), and a short clause with no
# figure may follow it (新增高企一千家？我记得好像是这个).
FIGURE_QUERIED = re.compile(r"^(?!.*(?:是不是|是否))(.*?[0-9%亿万元家个亩人p](?:以上|以下|以内|左右|多)?)\s*\?+"
                            r"(?=[^0-9?]{0,12}$)", re.S)
# Where a period may be written in a question; knowledge.periods.parse_period decides what it means.
MONTH_NUMBER = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二两三四五六七八九])"
PERIOD_SPAN = re.compile(rf"(?<![0-9])(?:截至|截止)?前?{MONTH_NUMBER}(?:[至到]{MONTH_NUMBER})?个?月份?(?:末|底)?"
                         r"|前三季度|第?[一二三四1-4]季度|[上下]半年")
# The offices of a place as staff write them short, without 局/委/办 (姑苏区发改的, 工信这边, 经发, 统计的同事):
# the departments that deal with these targets. None is a word of an indicator's name.
OFFICE_SHORT = r"(?:发改|工信|经信|经发|统计|商务|财政|科技|数据|招商|自然资源|资规|自规|人社|金融|国资)"
_OFFICE_SIDE = r"(?:的同事|同事|这边|那边|口|条线|部门|的)(?:问|说|要|让|想)?"
# A place that only says where the asker is or who asks (我在昆山工作, 昆山那边问, 不是昆山的): beside
# the default city named, it is not a place asked about. {} is the place.
# An office of the place is who asks (张家港市工信局：…, 我是相城区工信局产业科的, 工业园区经发委): its place
# is not asked about when the city's own level is (全市, 市里).
CONTEXT_PLACE = (r"(?:我们?)?在{}[市区县]?(?:工作|上班|出差|这边|那边)", r"(?:我们?)?{}[市区县]?(?:那边|这边)(?:问|说|要|让|想)?",
                 r"不是{}[市区县]?的?", r"(?:我是|我们是){}[市区县]?的",
                 # addressed with a task (通知：各板块请于本周五前报送…): whom the message is to, not a place asked
                 r"{}(?:请于|请在|请|务必|于)",
                 r"(?:我是|我们是|这边是|这里是)?{}[市区县]?[\u4e00-\u9fff]{{0,5}}?(?:局|委|办|管委会|政府|中心)"
                 r"(?:[\u4e00-\u9fff]{{0,4}}?(?:科|处|室|股))?的?",
                 # the office written short (发改的, 工信这边, 经发的同事, 发改 alone in its clause or before 问/要): who asks
                 rf"(?:我是|我们是|这边是|这里是){{}}[市区县]?{OFFICE_SHORT}(?:{_OFFICE_SIDE})?",
                 rf"{{}}[市区县]?{OFFICE_SHORT}(?:{_OFFICE_SIDE}|(?=/|问|说|要|让|想|需))")
# The city's own level named: 苏州, or 全市 / 市里 in a message from one of its places.
CITY_LEVEL = re.compile(r"苏州|全市|市里|市级|市委|市政府|市发布")
# A five-year plan's span (十四五期间): a period asked, which no figure here covers.
PLAN_PERIOD = re.compile(r"十[一二三四五六七]五(?:期间|时期|规划期间|规划期|以来)?")
# "工业投资10月数据": a trailing 数据 names nothing (大数据…, 数据中心…, 数据集 keep theirs).
DATA_WORD = re.compile(r"(?<!大)数据(?=\s*(?:/|$))")
# 数据截至几月: when the figures reach, a question about the data rather than about one figure.
AS_OF = re.compile(r"(?:最新)?的?(?:数据|统计|数字)?(?:(?:截至|截止)[到至]?|(?:更新|统计)[到至]|到|是|为)了?"
                   r"(?:几月|哪个月|哪月)份?的?(?:数据)?|(?:几月|哪个月)份?的?(?:数据|数字)")
# What is said of a figure after its name, before the word that asks it: verbs of reaching or
# amounting (规上工业总产值到了多少, 要冲到多少万亿, 能做到多少, 高企能有几家, 会是多少). A predicate, not
# part of a name: read only right before a word of asking, so 人才公寓能有多少套 keeps its 公寓 and 增多少
# (新增) is no predicate here.
_MODAL = r"(?:要|能|会|可以|可|能够|将会|将|得|预计|有望|应该|应当|估计|已经|已)"
_REACHING_VERB = r"(?:冲刺|冲|做|干|达|涨|升|提升|提高|提|增长|增加|跑|拼|奔|拿|突破|迈|放|投|建|培育|发展)"
# how a figure is set or given (给的多少, 设了多少, 批了多少家, 要弄多少家, 算下来多少): with 了/的/下来 or a modal
_SETTING_VERB = r"(?:给|设|批|弄|搞|定|下达|分配|安排|核定|确定)"
PREDICATE = re.compile(rf"(?:{_MODAL}?{_REACHING_VERB}?(?:到|至)|{_MODAL}?(?:到达|冲刺|算下来|加起来)|{_MODAL}(?:有|是|为|达)"
                       rf"|{_MODAL}?{_SETTING_VERB}(?:了|的|下来|出来)|{_MODAL}{_SETTING_VERB})了?"
                       r"(?=\s*了?\s*(?:多少|几|吗|啥|什么|百分之|多大|多高))")
# A share asked in other words: 能占到几成, 多大比例, 多少比重. Read as 占比 (or dropped where the share is
# named already: 占比大概几成), so that 民营工业几成 is the share, not 民营工业产值.
SHARE_ASKED = re.compile(rf"(?:{_MODAL}?占(?:到|了|有)*)?(?:(?:多少|几)成|多大的?(?:比例|比重|份额|占比)|多少的?(?:比例|比重|份额))")
SHARE_NAMED = re.compile(r"占|比重|比例|份额|率")
# Clause breaks: spaces and punctuation between the parts of a question.
BREAKS = re.compile(r"[\s、,，;；!！?？~～/|:：。()（）\[\]【】]+")

# Asked how something is done, when to apply or where it is, not how many: the bot knows figures only.
# Not 排在哪 (a rank), not 申报 alone (申报多少家 asks a number).
ASKS_HOW_OR_WHERE = re.compile(r"(?:认定|申报|申请|评选|入库)?(?:条件|流程|程序|手续)|(?:申报|申请|认定)(?:时间|截止|材料|入口|方式)"
                               r"|(?:怎么|如何|去哪)(?:申报|申请|认定|报名)|(?:认定|申报|申请|评选|入库)[^/]{0,10}(?:要求|截止|开始|材料|流程|条件)|(?:什么时候|几号|哪天|何时)(?:截止|开始申报|开始)|(?<![排名居列])在哪(?:里|儿)?(?!个|一|年)"
                               # a policy's money (补贴标准, 电费补贴, 奖补政策) is no target or statistic
                               r"|补贴|补助|奖补|奖励|扶持资金|资助|优惠|减免|电费|电价|政策|办法|细则")

# 好的, 收到, 明白了: a message that only acknowledges (thanks are among POLITE's words).
ACKNOWLEDGEMENT = re.compile(r"好的|好滴|好嘞|收到|明白|知道了|了解了|懂了|嗯+|噢+|ok(?:ay)?|thanks|thx|thankyou|可以|行")


def acknowledgement_only(normalized: str) -> bool:
    """Does a normalised message (not empty) hold only thanks, greetings' politeness and acknowledgements?"""
    return not ACKNOWLEDGEMENT.sub("", POLITE.sub("", normalized)).strip(TRAILING_PARTICLES)

# A word counting the things named before it (研发投入占比 研发机构建有率 高新产业产值占比 三个, 算力人才
# 这几项): the parts are a list, each asked (knowledge/several.py); group 1 is the number, if written.
COUNTED_ITEMS = re.compile(r"(?:这|那)?([两二三四五六七八九])(?:个|项|样)(?=目标|指标|数|$)|(?:这|那)(?:几|些)(?:个|项)?")
# A task asked before the first of the things listed (帮我整理独角兽和瞪羚, 请列出智算规模和…): it names
# nothing, and is read off the front of a part (knowledge/several.py).
TASK_LEAD = re.compile(rf"请|帮我|帮忙|麻烦|{TASK_VERBS}|列一下|提供|给出|查一下|查|报一下|发一下|给我|需要")
# The figure asked before its change over a year (规上工业总产值多少 比上年多了多少, 产值和比上年增加多少):
# both are asked, not the change alone (knowledge/several.py).
FIGURE_AND_CHANGE = re.compile(r"(?:多少|几|和|及|以及|还有|同时)(?=比|较|相比|相较|跟上|与上)")
# Words of names that hold a one-character noise word (有, 要, 是, 的): kept whole where the noise words
# are taken out, so that 研发机构建有率 is not read as 研发机构建率, nor 要素保障 as 素保障.
NOISE_HELD = re.compile(r"建有率|拥有率|要素")
# The year already named, said again before a second thing asked (24年规上工业总产值和当年民营工业产值).
SAME_YEAR = re.compile(r"当年|同年|该年|这一年|那一年")

# The kind of quantity a question asks for, by the unit after 多少/几 (多少亿 money, 几个 a count, 多少亩 land)
# or a word of counting (数量; not 个数, which 这个数 holds): an indicator measured in another kind (研发投入多少亿 of a share in %,
# 智算中心有几个 of a computing power in PFLOPS) is not what was asked. 万/千 alone say no kind (多少万人).
ASKED_UNIT = re.compile(r"(?:多少|几)(万亿|亿|万|千)?(个|家|项|座)?(元|亩|人|pflops|p(?![a-z]))?|(数量)")
# What each unit word asked and each indicator unit measure (the indicators' units in the seed).
UNIT_KINDS = {"元": "money", "亿": "money", "万亿": "money", "个": "count", "家": "count", "项": "count",
              "座": "count", "数量": "count", "亩": "area", "人": "people", "pflops": "compute",
              "p": "compute", "%": "share"}
# Names asked of a counted indicator (单项冠军有哪些企业, 赋能中心有哪几家, 名单): the bot holds counts only.
ASKS_NAMES = re.compile(r"(?:有|是)?哪(?:些|几)(?:家|个)?(?:企业|公司|单位|名单)?$|有哪(?:些|几)(?:企业|公司|家|个)"
                        r"|是哪(?:些|几)(?:家|个)?(?:企业|公司)|名单|名录|叫什么名字")
# A definition or the members of a total asked, not its figure (什么是瞪羚企业, 人才总量包括哪些人).
ASKS_DEFINITION = re.compile(r"什么是|什么叫|啥是|是什么意思|什么意思|啥意思|的定义|定义是|指的是什么|是指什么|含义"
                             r"|包括哪些|包含哪些|由哪些|哪些人|怎么构成|构成是|组成是")
# Papers, methods and money around a target, not its figure (任务书, 计算公式, 考核扣分, 分解到各区, 责任状,
# 表彰, 交易价格, 指数). Not 考核目标 or 分解目标 alone: those ask the target's figure.
ASKS_PAPERWORK = re.compile(r"任务书|公式|怎么算|如何计算|扣分|扣多少分|考核办法|考核细则|评分标准|分解到|分解表|怎么分解|如何分解"
                            r"|分解给|责任状|责任书|表彰|通报|价格|多少钱|指数")
