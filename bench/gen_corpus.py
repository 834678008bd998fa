#!/usr/bin/env python3
"""Write a synthetic corpus of Chinese investment-promotion reports (招商引资工作总结).

    gen_corpus.py OUT_DIR --size 1G [--seed 1] [--doc-size 8K]
    gen_corpus.py OUT_DIR --single 10M [--seed 1]

Corpus mode writes documents into OUT_DIR/d0000/, OUT_DIR/d0001/, ... (at most
1000 files a folder) until their total size reaches --size.  Each report has a
title, an opening paragraph, numbered sections (一、… (一)…), figures of every kind
the tool extracts and many it must not (size classes, non-money quantities),
a problems section, a plans section with 力争/确保 targets, and a sign-off.
Document sizes are log-uniform between DOC_SIZE/4 and DOC_SIZE*3.75 (2-30 KB
for the default 8K).  About 10% of the reports are in Traditional script, 5% are
GB18030-encoded, 3% have full-width digits, some have CRLF line ends, a BOM,
half-width punctuation or PDF-style hard line breaks.

Single mode writes ONE document of (at most, within a sentence of) the given
size, OUT_DIR/single-SIZE.txt: a compendium (汇编) of reports, plain UTF-8 and
Simplified script, for the size-scaling test.

The output depends only on the arguments (and the Python version's random
module, which is stable across 3.x for the functions used here).

Speed: paragraphs are drawn from pools built once from templates; a document is
a join of pool items plus whole-string replace/translate/encode calls, so no
per-character Python work is done.  1 GiB takes about 35 s here.
"""

import argparse
import math
import os
import random
import sys
import time

# ---------------------------------------------------------------- names

SYL1 = "青白东西南北清云金银玉龙凤鹤松柏桃梨榆杨柳枫兰梅竹石泉溪河湖江海山峰岭川原田丰安宁康泰和平永长新兴华盛德明光荣昌隆富"
SYL2 = "岚鹭川城阳山江河湖溪源泉桥湾岭峰林水州坪坝浦滨口港亭川沙洲台冈庄屯堡"
REGION_KINDS = [  # suffix, scope word, level, organisation (as written after the region's name)
    ("县", "全县", "县", "投资促进局"),
    ("县", "全县", "县", "商务局"),
    ("县", "全县", "县", "招商服务中心"),
    ("区", "全区", "区", "投资促进局"),
    ("区", "全区", "区", "商务局"),
    ("市", "全市", "市", "投资促进局"),
    ("镇", "全镇", "镇", "人民政府"),
    ("经济技术开发区", "开发区", "区", "管委会"),
    ("高新技术产业开发区", "高新区", "区", "管委会"),
    ("综合保税区", "综保区", "区", "管委会"),
    ("工业园区", "园区", "区", "管委会"),
]
CITIES = ("上海 深圳 苏州 杭州 宁波 广州 东莞 成都 重庆 北京 厦门 青岛 武汉 长沙 南京 无锡 "
          "佛山 温州 泉州 合肥 郑州 西安 香港 新加坡 常州 嘉兴 绍兴 天津 济南 福州").split()
AREAS = ["长三角", "珠三角", "京津冀", "成渝地区", "粤港澳大湾区", "闽东南", "东部沿海地区"]
INDUSTRIES = ("新能源电池材料 绿色食品 纺织服装 高端装备制造 电子信息 生物医药 新材料 现代物流 文化旅游 "
              "汽车零部件 光伏 储能装备 智能制造 数字经济 预制菜 农产品精深加工 精细化工 家居建材 "
              "节能环保 医疗器械 半导体 新型显示 轨道交通装备 航空航天").split()
BRANDS = ("宁川 华晟 昌泰 丰泰 瑞丰 鑫源 恒通 中科 天合 隆基 正大 远景 海天 金发 新希望 力帆 "
          "宏达 永盛 嘉禾 汇川 安道 博源 蓝海 星河 锦程 鼎盛 凯达 德润 高景 富春 和信 联创").split()
FIRM_TYPES = ("精密机械 新材料 光电 电子 食品 纺织 物流 新能源 智能装备 医药 汽车零部件 冷链 "
              "包装 环保科技 建材 电气 化工 生物科技 半导体 家居").split()
FIRM_SUFFIX = ["有限公司", "股份有限公司", "集团有限公司", "科技有限公司", "集团"]
PRODUCTS = [("锂电正极材料前驱体", "万吨"), ("光伏组件", "GW"), ("汽车线束", "万套"), ("精密齿轮", "万件"),
            ("冻干果蔬", "吨"), ("休闲卤制品", "吨"), ("竹笋加工", "吨"), ("预制菜", "万吨"),
            ("特种纸", "万吨"), ("不锈钢管材", "万吨"), ("储能电池", "GWh"), ("电子元器件", "亿只"),
            ("LED显示屏", "万平方米"), ("医用敷料", "万件"), ("功能性面料", "万米"), ("铝型材", "万吨"),
            ("服装", "万件"), ("家具", "万套"), ("饲料", "万吨"), ("电机", "万台")]
PARK_KIND = ["产业园", "工业园", "物流园", "科技园", "产业园区", "创业园", "食品产业园", "电商产业园"]
EVENTS = ["县第三届产业发展大会", "省投资贸易洽谈会", "市重大项目集中签约仪式", "中国国际进口博览会",
          "“招商引资月”活动", "民营企业家恳谈会", "开放合作周", "中国国际投资贸易洽谈会",
          "“百企进园区”活动", "粤港澳大湾区招商推介会", "春季重大项目集中签约活动", "乡贤回乡投资大会"]
SUPERIOR = ["县委、县政府", "区委、区政府", "市委、市政府", "党工委、管委会", "镇党委、政府"]
UPPER = ["市", "省", "县", "市里"]


def _make_names(r):
    regions = set()
    while len(regions) < 400:
        regions.add(r.choice(SYL1) + r.choice(SYL2))
    regions = sorted(regions)
    parks = sorted({r.choice(regions) + r.choice(PARK_KIND) for _ in range(300)})
    firms = sorted({r.choice(BRANDS) + r.choice(FIRM_TYPES) + r.choice(FIRM_SUFFIX) for _ in range(400)})
    return regions, parks, firms


# ---------------------------------------------------------------- numbers

CN_DIG = "零一二三四五六七八九"


def cn_int(n):
    """0..99999999 in Chinese numerals (十二, 一百零五, 三千零二十...)."""
    if n == 0:
        return "零"
    if n >= 10000:
        hi, lo = divmod(n, 10000)
        s = cn_int(hi) + "万"
        if lo:
            s += ("零" if lo < 1000 else "") + cn_int(lo)
        return s
    out = []
    zero = False
    for unit, val in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        d, n = divmod(n, val)
        if d:
            if zero:
                out.append("零")
                zero = False
            out.append(CN_DIG[d] + unit)
        elif out:
            zero = True
    s = "".join(out)
    if s.startswith("一十"):
        s = s[1:]
    return s


def cn_wan_yuan(wan):
    """An amount in 万 as 四亿五千万 / 八千五百万 / 一亿零六百万."""
    yi, rest = divmod(wan, 10000)
    s = ""
    if yi:
        s = cn_int(yi) + "亿"
        if rest:
            s += ("零" if rest < 1000 else "") + cn_int(rest) + "万"
    else:
        s = cn_int(rest) + "万"
    return s


class Num:
    """Figure makers over one Random."""

    def __init__(self, r):
        self.r = r

    def n(self, a=1, b=60):
        return self.r.randint(a, b)

    def yi(self, lo=0.5, hi=300.0):
        r = self.r
        v = math.exp(r.uniform(math.log(lo), math.log(hi)))
        k = r.random()
        if k < 0.15 and v >= 5:
            return str(int(round(v)))
        if k < 0.85 or v >= 100:
            return "%.1f" % v
        return "%.2f" % v

    def wan(self, lo=50, hi=99000):
        r = self.r
        v = int(math.exp(r.uniform(math.log(lo), math.log(hi))))
        if v >= 1000 and r.random() < 0.7:
            v = v // 10 * 10
        if r.random() < 0.1:
            return "%.1f" % (v + r.random())
        if v >= 10000 and r.random() < 0.05:
            return "{:,}".format(v)
        return str(v)

    def pct(self, lo=30.0, hi=130.0):
        r = self.r
        v = r.uniform(lo, hi)
        k = r.random()
        if k < 0.2:
            return str(int(v))
        if k < 0.9:
            return "%.1f" % v
        return "%.2f" % v

    def growth(self):
        return self.pct(0.5, 45.0)

    def updown(self):
        return "增长" if self.r.random() < 0.8 else "下降"

    def month(self):
        return self.r.randint(1, 12)

    def approx_before(self):
        return self.r.choice(["", "", "", "", "约", "近", "超", "逾", "超过", "突破"])

    def approx_after(self):
        return self.r.choice(["", "", "", "", "", "余", "多", "左右", "以上"])


# ---------------------------------------------------------------- paragraphs
# Markers replaced per document: 〖S〗 scope (全县), 〖U〗 unit (县), 〖P〗 upper
# level (市).  Punctuation is full-width here; a document may be turned into
# half-width punctuation as a whole.


class Pools:
    def __init__(self, seed, per_pool=3000):
        r = random.Random(seed * 7919 + 17)
        self.r = r
        self.N = Num(r)
        self.regions, self.parks, self.firms = _make_names(r)
        self.towns = sorted({x + r.choice(["镇", "乡", "街道"]) for x in r.sample(self.regions, 150)})
        self.metric = [self._enc(self.metric_para()) for _ in range(per_pool)]
        self.breakdown_parks = [self._enc(self.breakdown_para(self.parks)) for _ in range(per_pool // 2)]
        self.breakdown_towns = [self._enc(self.breakdown_para(self.towns)) for _ in range(per_pool // 2)]
        self.activity = [self._enc(self.activity_para()) for _ in range(per_pool)]
        self.practice = [self._enc(self.practice_para()) for _ in range(per_pool)]
        self.problem = [self._enc(self.problem_para()) for _ in range(per_pool // 2)]
        self.plan = [self._enc(self.plan_para()) for _ in range(per_pool)]
        self.plan_intro = [self._enc(self.plan_intro_para()) for _ in range(per_pool // 2)]

    @staticmethod
    def _enc(s):
        return (s, len(s.encode("utf-8")))

    # ---- sentences with the core metrics: each returns the candidates of a topic
    def tail(self):
        r, N = self.r, self.N
        t = r.random()
        if t < 0.3:
            return "，完成年度任务的%s%%" % N.pct(50, 140)
        if t < 0.42:
            return "，同比%s%s%%" % (N.updown(), N.growth())
        if t < 0.5:
            return "，分别完成年度目标的%s%%和%s%%" % (N.pct(60, 130), N.pct(60, 130))
        return ""

    def s_signed(self):
        r, N = self.r, self.N
        kind = r.choice(["", "招商", "工业", "产业", "内资", "外资", "重点", "服务业"])
        c = [
            "〖S〗共签约%s项目%d个，总投资%s亿元%s" % (kind, N.n(3, 120), N.yi(5, 600), self.tail()),
            "新签约项目%d个，签约总额%s亿元%s" % (N.n(2, 80), N.yi(3, 400), self.tail()),
            "签订正式合同%d个，正式合同额%s亿元%s" % (N.n(2, 60), N.yi(2, 300), self.tail()),
            "累计签约%s项目%d个，协议投资额%s亿元" % (r.choice(INDUSTRIES), N.n(2, 40), N.yi(1, 200)),
            "共引进%s项目%d个，计划总投资%s亿元" % (kind, N.n(2, 50), N.yi(2, 300)),
            "共签订招商引资合同%d份，合同金额%s亿元%s" % (N.n(3, 50), N.yi(2, 200), self.tail()),
            "签约%s%d个项目，总投资%s%s亿元" % (r.choice(["", "了"]), N.n(3, 40), N.approx_before(), N.yi(2, 200)),
            "新签约落地项目%d个，到位资金%s万元" % (N.n(2, 30), N.wan(500, 90000)),
            "其中%d亿元以上项目%d个，亿元以上项目%d个" % (r.choice([5, 10, 20, 50]), N.n(1, 9), N.n(5, 40)),
            "新签约亿元以上项目%d个、5000万元以上项目%d个" % (N.n(3, 30), N.n(3, 30)),
            "其中投资10亿元以上的重大项目%d个" % N.n(1, 8),
            "其中工业项目%d个，总投资%s亿元" % (N.n(3, 40), N.yi(2, 200)),
        ]
        if r.random() < 0.06:
            c[0] = "全年共签约招商项目%s个，总投资%s元" % (cn_int(N.n(2, 30)), cn_wan_yuan(r.randint(2, 900) * 500))
        if r.random() < 0.015:
            c[0] = "签约项目XX个，总投资XX亿元，完成年度任务的XX%"
        return c

    def s_funds(self):
        r, N = self.r, self.N
        return [
            "实际到位资金%s亿元，完成〖P〗下达目标任务%s亿元的%s%%，同比增长%s%%"
            % (N.yi(3, 200), N.yi(3, 200), N.pct(50, 130), N.growth()),
            "实际到位省外境内资金%s亿元，完成年度目标任务的%s%%" % (N.yi(3, 200), N.pct(40, 130)),
            "到位资金%s亿元，占年计划的%s%%" % (N.yi(1, 100), N.pct(30, 120)),
            "实际到位内资%s亿元，同比%s%s%%" % (N.yi(1, 150), N.updown(), N.growth()),
            "实际到位市外资金%s万元，完成任务数的%s%%" % (N.wan(2000, 99000), N.pct(40, 130)),
            "其中，省外境内到位资金%s亿元，占全部到位资金的%s%%" % (N.yi(1, 150), N.pct(60, 99)),
            "到位资金%s%s亿元，为年度目标的%s%%" % (N.approx_before(), N.yi(1, 150), N.pct(40, 130)),
            "实际到位资金%s元，完成年度任务的百分之%s" % (cn_wan_yuan(r.randint(2, 900) * 100), cn_int(N.n(50, 99))),
        ]

    def s_fdi(self):
        r, N = self.r, self.N
        return [
            "实际利用外资%s万美元，完成省定任务的%s%%" % (N.wan(100, 9000), N.pct(30, 130)),
            "合同外资%s万美元，实际使用外资%s万美元" % (N.wan(300, 20000), N.wan(100, 9000)),
            "实际利用外资%s亿美元，同比增长%s%%" % (N.yi(0.2, 5), N.growth()),
            "新设外商投资企业%d家，合同外资%s万美元" % (N.n(1, 20), N.wan(300, 20000)),
            "外资项目总投资%s万欧元" % N.wan(500, 9000),
            "外资企业追加投资%s万港元，扩建跨境冷链分拨中心" % N.wan(1000, 20000),
            "实际利用外资%s万美元，与上年基本持平" % N.wan(100, 9000),
        ]

    def s_build(self):
        r, N = self.r, self.N
        return [
            "新开工招商项目%d个，开工率%s%%；竣工投产项目%d个" % (N.n(3, 60), N.pct(40, 95), N.n(2, 40)),
            "签约项目开工率达%s%%，履约率%s%%" % (N.pct(40, 95), N.pct(50, 99)),
            "已开工项目%d个，完成投资%s亿元" % (N.n(2, 40), N.yi(1, 80)),
            "招商项目完成固定资产投资%s亿元，占〖S〗固定资产投资的%s%%" % (N.yi(2, 120), N.pct(10, 60)),
            "在建项目%d个，年内竣工投产%d个，投产率%s%%" % (N.n(5, 60), N.n(2, 30), N.pct(20, 80)),
            "新增规模以上工业企业%d家" % N.n(1, 30),
            "完成实物量投资%s亿元" % N.yi(1, 80),
        ]

    def s_other(self):
        r, N = self.r, self.N
        return [
            "外贸进出口总额%s亿元，同比%s%s%%" % (N.yi(1, 500), N.updown(), N.growth()),
            "兑现招商引资奖励资金%s万元，惠及企业%d家" % (N.wan(50, 5000), N.n(3, 60)),
            "实现税收%s亿元，同比增长%s%%，占比较上年提高%s个百分点" % (N.yi(0.5, 50), N.growth(), N.pct(0.5, 9)),
            "新增市场主体%d户，其中企业%d家" % (N.n(200, 3000), N.n(50, 900)),
            "跨境电商交易额近%s亿元；保税物流货值超%d亿元" % (N.yi(1, 60), N.n(10, 200)),
        ]

    PROSE = [
        "实现了“时间过半、任务过半”的目标",
        "招商引资工作保持了稳中有进的良好态势",
        "主要指标均好于预期",
        "项目质量和效益明显提升",
        "为全年目标任务的完成奠定了坚实基础",
        "其中部分项目已完成供地并进场施工",
        "产业集聚效应初步显现",
        "引进项目的科技含量和投资强度进一步提高",
        "受宏观经济形势影响，部分指标增速有所放缓",
        "项目从签约到开工的周期进一步缩短",
    ]

    def prose(self):
        return self.r.choice(self.PROSE)

    METRIC_TOPICS = [("签约项目", "s_signed"), ("签约项目", "s_signed"), ("到位资金", "s_funds"),
                     ("利用外资", "s_fdi"), ("项目建设", "s_build"), ("其他指标", "s_other")]

    def metric_para(self):
        r = self.r
        topic, fn = r.choice(self.METRIC_TOPICS)
        cands = getattr(self, fn)()
        first = [c for c in cands if not c.startswith("其中")]
        s0 = r.choice(first)
        rest = [c for c in cands if c is not s0]
        sents = ["〖T〗" + s0] + r.sample(rest, min(len(rest), r.randint(1, 3)))
        if r.random() < 0.3:
            sents.append(r.choice([c for c in getattr(self, r.choice(self.METRIC_TOPICS)[1])()
                                   if not c.startswith("其中")]))
        if r.random() < 0.6:
            sents.insert(r.randint(1, len(sents)), self.prose())
        return "〖N〗" + topic + "。" + "。".join(sents) + "。"

    def breakdown_para(self, names):
        r = self.r
        who = r.choice(names)
        c = self.s_signed()[:8] + self.s_funds()[:5] + self.s_build()[:5]
        sents = r.sample(c, r.randint(2, 4))
        return "〖N〗" + who + "。" + "；".join(sents) + "。"

    def activity_para(self):
        r, N = self.r, self.N
        ind = r.choice(INDUSTRIES)
        prod, prod_unit = r.choice(PRODUCTS)
        c = [
            "%d月，在%s上集中签约项目%d个，签约金额%s亿元；%d月，赴%s举办%s产业专场推介会，现场签约项目%d个，协议引资%s亿元。"
            % (N.month(), r.choice(EVENTS), N.n(3, 30), N.yi(5, 200), N.month(), r.choice(CITIES), ind,
               N.n(2, 12), N.yi(1, 60)),
            "%s全年签约项目%d个，总投资%s亿元，到位资金%s亿元，占〖S〗到位资金的%s%%。"
            % (r.choice(self.parks), N.n(2, 40), N.yi(2, 150), N.yi(1, 60), N.pct(10, 70)),
            "%s投资%s亿元建设年产%d%s%s项目，达产后年产值%s亿元，新增就业%d人。"
            % (r.choice(self.firms), N.yi(1, 60), N.n(1, 90), prod_unit, prod, N.yi(1, 80), N.n(50, 3000)),
            "围绕%s产业链绘制招商图谱，建立“链长+链主+专班”工作机制，全年签约链上项目%d个，总投资%s亿元，占〖S〗签约总投资的%s%%。"
            % (ind, N.n(3, 40), N.yi(3, 200), N.pct(20, 80)),
            "全年组织小分队赴%s、%s招商%d批次，拜访企业%d家，接待来访客商%d批%d人次。"
            % (r.choice(AREAS), r.choice(AREAS), N.n(5, 40), N.n(30, 300), N.n(20, 150), N.n(100, 900)),
            "新增标准厂房%s万平方米，流转土地%d亩，园区标准厂房入驻率已达%s%%，年吞吐能力达到%d万吨。"
            % (N.yi(0.5, 30), N.n(50, 2000), N.pct(60, 99), N.n(5, 200)),
            "目前在谈项目%d个，意向投资约%s亿元。其中%s、%s等项目已进入合同文本磋商阶段。"
            % (N.n(5, 60), N.yi(10, 400), r.choice(PRODUCTS)[0], r.choice(PRODUCTS)[0]),
            "通过乡贤引荐签约项目%d个，总投资%s亿元；聘请招商顾问%d名，推送项目线索%d条。"
            % (N.n(2, 20), N.yi(1, 60), N.n(5, 30), N.n(10, 120)),
            "联合省产业投资基金设立规模%d亿元的%s产业子基金，已投资项目%d个，撬动社会资本约%s亿元。"
            % (r.choice([5, 10, 20, 30, 50]), ind, N.n(1, 9), N.yi(3, 60)),
            "承接东部地区转移企业%d家，新增%s产能%d万吨，带动就业%s余人。"
            % (N.n(2, 30), ind, N.n(1, 50), N.n(100, 5000)),
            "%s与%s签订合资协议，项目总投资%s万欧元，建设生产线%d条，达产后年产%d万件。"
            % (r.choice(self.firms), r.choice(self.firms), N.wan(500, 9000), N.n(1, 8), N.n(5, 500)),
        ]
        out = "".join(r.sample(c, 1 if r.random() < 0.5 else 2))
        if r.random() < 0.5:
            out += self.prose() + "。"
        return out

    PRACTICE_HEADS = ["坚持领导带头招商", "坚持以商招商", "强化考核激励", "优化营商环境", "创新招商方式",
                      "突出产业链招商", "强化要素保障", "深化基金招商", "开展驻点招商", "推行代办帮办服务",
                      "强化项目跟踪服务", "开展专题活动招商", "健全招商工作机制", "加强招商队伍建设",
                      "强化招商信息收集", "推动存量企业增资扩产"]
    PRACTICE_SENTS = [
        "〖U〗委、〖U〗政府主要领导全年带队外出招商%(n)d次，亲自接待重要客商%(m)d批次",
        "建立在外乡贤企业家联络库，定期开展走访联络",
        "将招商引资纳入乡镇和部门综合考核，实行季度排名、半年讲评、年终考核",
        "对连续两个季度排名后三位的单位进行约谈",
        "坚持“一个项目、一名领导、一个工作专班”的服务机制，全年协调解决项目用地、用电、融资等问题%(n)d个",
        "推行代办帮办服务，新签约项目从签约到开工的平均时间压缩至%(x)s个月",
        "梳理产业链关键环节和缺失环节，形成重点招商目标企业清单%(m)d家",
        "实行“月调度、季通报、年考核”，确保各项任务落到实处",
        "在%(city)s设立招商联络点，常驻招商人员%(k)d名",
        "开展“千企万人”大走访活动，走访企业%(m)d家，收集问题%(n)d条，办结率%(p)s%%",
        "对成功引荐项目落地的中介人，按项目规模给予%(k)d万元至%(k2)d万元不等的奖励",
        "全面推行“拿地即开工”审批模式，项目审批时限压缩到%(k)d个工作日以内",
        "组织招商干部参加专题培训%(k)d期，培训%(m)d人次",
        "依托商会、协会等平台，开展以商招商、以情招商",
        "强化招商引资政策兑现，真正做到“说了算、定了干”",
        "建立重大项目会商制度，及时研究解决项目推进中的困难和问题",
        "充分利用线上推介、云签约等方式，拓展招商渠道",
        "围绕主导产业开展精准招商，瞄准行业龙头和“专精特新”企业开展点对点招商",
    ]

    def practice_para(self):
        r, N = self.r, self.N
        k = r.randint(2, 5)
        parts = []
        for _ in range(k):
            s = r.choice(self.PRACTICE_SENTS)
            if "%(" in s:
                s = s % {"n": N.n(5, 120), "m": N.n(20, 400), "x": N.pct(2, 9), "city": r.choice(CITIES),
                         "k": N.n(2, 15), "k2": N.n(16, 50), "p": N.pct(80, 100)}
            parts.append(s)
        return r.choice(self.PRACTICE_HEADS) + "。" + "。".join(parts) + "。"

    PROBLEMS = [
        "项目结构不够优。签约项目中制造业项目占比仅为%(p)s%%，科技型、总部型项目偏少",
        "履约落地偏慢。以来签约未开工项目仍有%(n)d个，涉及总投资%(y)s亿元，部分项目因资金、用地等原因推进缓慢",
        "要素保障趋紧。工业用地指标不足，园区标准厂房入驻率已达%(p2)s%%，承接大项目的空间受限",
        "招商力量薄弱。专职招商人员仅有%(k)d人，专业化水平有待提高",
        "外资招引难度加大。全年新签约欧美项目仅%(k)d个",
        "重大项目偏少。全年签约10亿元以上项目仅%(k)d个，缺乏带动性强的龙头项目",
        "到位资金增长乏力。实际到位资金同比仅增长%(g)s%%，低于全市平均水平",
        "营商环境仍需优化。部分审批环节耗时较长，企业获得感不强",
    ]

    def problem_para(self):
        r, N = self.r, self.N
        picks = r.sample(self.PROBLEMS, r.randint(2, 4))
        out = []
        for i, s in enumerate(picks):
            s = s % {"p": N.pct(30, 70), "n": N.n(3, 30), "y": N.yi(2, 80), "p2": N.pct(85, 99),
                     "k": N.n(1, 9), "g": N.pct(0.5, 5)}
            out.append(CN_DIG[i + 1] + "是" + s + "。")
        return "".join(out)

    PLAN_HEADS = ["聚焦主导产业精准招商", "突出重大项目攻坚", "强化项目落地保障", "锻造专业招商队伍",
                  "持续优化营商环境", "创新招商引资方式", "抓好签约项目转化", "强化外资招引"]
    PLAN_SENTS = [
        "力争上半年完成签约",
        "年内开工率达到%(p)s%%以上",
        "力争引进亿元以上项目%(n)d个",
        "确保实际利用外资%(w)s万美元",
        "力争全年到位资金%(y)s亿元，确保完成年度任务的%(p2)s%%",
        "紧盯在谈的%(prod)s等%(k)d个重点项目，实行一个项目一套方案",
        "加快新建标准厂房%(x)s万平方米",
        "对%(k)d个签约未开工项目实行“一项一策”，力争年底前全部开工",
        "分批次组织招商干部赴先进地区跟班学习，全面提升招商队伍的专业化水平",
        "动态更新产业链招商图谱和目标企业库",
        "确保新签约项目%(n)d个以上，其中10亿元以上项目%(k)d个",
        "预计全年签约项目%(n)d个，到位资金%(y)s亿元",
        "目标是全年招商引资到位资金增长%(g)s%%以上",
    ]

    def plan_para(self):
        r, N = self.r, self.N
        parts = []
        for _ in range(r.randint(1, 4)):
            s = r.choice(self.PLAN_SENTS)
            if "%(" in s:
                s = s % {"p": N.pct(60, 95), "n": N.n(3, 80), "w": N.wan(500, 9000), "y": N.yi(5, 200),
                         "p2": N.pct(100, 120), "prod": r.choice(PRODUCTS)[0], "k": N.n(2, 12),
                         "x": N.yi(1, 30), "g": N.growth()}
            parts.append(s)
        return r.choice(self.PLAN_HEADS) + "。" + "；".join(parts) + "。"

    def plan_intro_para(self):
        r, N = self.r, self.N
        s = r.choice([
            "我们将坚持“项目为王”，全力以赴抓招商、促落地、稳增长。",
            "〖S〗将紧紧围绕年度目标任务，再鼓干劲、再加压力。",
            "下一步，我们将以更大力度推进招商引资工作。",
        ])
        s += r.choice([
            "全年力争签约项目%d个以上，总投资%s亿元以上，实际到位资金%s亿元，确保完成〖P〗下达的各项目标任务。"
            % (N.n(10, 120), N.yi(20, 600), N.yi(5, 200)),
            "下半年力争新签约项目%d个，确保全年到位资金突破%s亿元，完成年度任务的%s%%以上。"
            % (N.n(5, 60), N.yi(10, 200), N.pct(100, 115)),
            "确保全年实际利用外资%s万美元，力争签约亿元以上项目%d个。" % (N.wan(500, 9000), N.n(3, 30)),
            "预计全年可完成签约项目%d个，到位资金有望达到%s亿元，超额完成年度任务。"
            % (N.n(10, 80), N.yi(10, 200)),
        ])
        return s


# ---------------------------------------------------------------- documents

TRAD_PAIRS = (  # Simplified -> Traditional, checked against src/tables/zsm_t2s.c
    "签簽 约約 项項 个個 资資 亿億 万萬 实實 际際 现現 总總 额額 计計 划劃 务務 区區 县縣 场場 产產 业業 "
    "发發 开開 设設 达達 进進 长長 经經 济濟 们們 这這 为為 对對 时時 来來 动動 过過 还還 华華 国國 会會 "
    "与與 体體 门門 关關 点點 标標 准準 链鏈 龙龍 头頭 专專 户戶 厂廠 园園 镇鎮 乡鄉 农農 电電 车車 储儲 "
    "装裝 备備 纺紡 织織 营營 贸貿 谈談 议議 协協 书書 记記 领領 导導 组組 队隊 员員 级級 传傳 统統 节節 "
    "积積 极極 强強 优優 势勢 质質 围圍 绕繞 网網 络絡 数數 据據 线線 础礎 环環 护護 规規 审審 办辦 帮幫 "
    "兑兌 奖獎 励勵 购購 销銷 价價 费費 税稅 财財 银銀 险險 创創 兴興 丰豐 宁寧 临臨 东東 兰蘭 凤鳳 鹤鶴 "
    "杨楊 枫楓 云雲 岭嶺 泽澤 湾灣 滨濱 桥橋 坝壩 庄莊 压壓 责責 调調 报報 汇匯 结結 问問 题題 较較 轨軌 "
    "纪紀 处處 从從 义義 习習 买買 仅僅 众眾 伟偉 则則 刚剛 别別 医醫 单單 卖賣 卫衛 历歷 参參 双雙 变變 "
    "号號 启啟 响響 图圖 圆圓 块塊 坚堅 够夠 夺奪 奋奮 学學 宝寶 宽寬 宾賓 层層 岁歲 岛島 币幣 师師 带帶 "
    "广廣 应應 庆慶 库庫 异異 张張 归歸 当當 录錄 态態 惯慣 战戰 扩擴 扬揚 执執 担擔 拟擬 择擇 挥揮 损損 "
    "换換 携攜 摆擺 断斷 无無 旧舊 显顯 暂暫 术術 机機 权權 条條 构構 样樣 档檔 检檢 楼樓 横橫 欢歡 毕畢 "
    "气氣 汉漢 沟溝 没沒 洁潔 测測 浓濃 润潤 渐漸 温溫 满滿 灵靈 炼煉 热熱 牵牽 独獨 献獻 画畫 畅暢 疗療 "
    "监監 盖蓋 盘盤 确確 种種 称稱 稳穩 竞競 笔筆 筹籌 简簡 类類 粮糧 紧緊 红紅 纯純 纳納 纸紙 练練 细細 "
    "终終 给給 继繼 绩績 续續 维維 综綜 绿綠 编編 缘緣 罗羅 职職 联聯 胜勝 脑腦 艺藝 范範 荣榮 药藥 获獲 "
    "补補 见見 观觀 视視 觉覺 订訂 认認 讨討 让讓 训訓 讲講 许許 论論 访訪 证證 评評 识識 试試 诚誠 话話 "
    "询詢 该該 详詳 语語 说說 请請 读讀 谋謀 谢謝 负負 贡貢 败敗 货貨 贯貫 贵貴 赋賦 赛賽 赶趕 趋趨 跃躍 "
    "践踐 转轉 软軟 轻輕 载載 辅輔 输輸 辖轄 边邊 迁遷 运運 远遠 违違 连連 迟遲 选選 递遞 邮郵 邻鄰 钢鋼 "
    "钱錢 铁鐵 锁鎖 锦錦 间間 闻聞 阳陽 阶階 陆陸 陈陳 随隨 难難 韩韓 须須 顺順 预預 频頻 风風 飞飛 馆館 "
    "驱驅 验驗 鱼魚 齐齊 龄齡 馈饋 缩縮 "
    "“「 ”」"
)


def _trad_table():
    return {ord(p[0]): p[1] for p in TRAD_PAIRS.split()}


TRAD = _trad_table()
HALFWIDTH_PUNCT = str.maketrans({"，": ",", "；": ";", "：": ":", "（": "(", "）": ")"})
FULLWIDTH_DIGITS = str.maketrans({**{chr(0x30 + i): chr(0xFF10 + i) for i in range(10)},
                                  ".": "．", "%": "％", "-": "－", ",": "，"})
H1 = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]


def cn_ord(i):
    return cn_int(i)


class DocMaker:
    def __init__(self, seed):
        self.P = Pools(seed)
        self.r = random.Random(seed * 104729 + 3)
        self.N = Num(self.r)

    def _pick(self, pool):
        return pool[self.r.randrange(len(pool))]

    def _fill(self, pool, budget, cap, fmt):
        """Paragraphs from pool until budget bytes or cap paragraphs; at least one."""
        out, size = [], 0
        while True:
            s, n = self._pick(pool)
            out.append(fmt(len(out) + 1, s))
            size += n
            if size >= budget or len(out) >= cap:
                return out, size

    def report(self, target):
        """One report of about `target` UTF-8 bytes, as a str with markers replaced."""
        r, P = self.r, self.P
        region = r.choice(P.regions)
        suffix, scope, level, org = r.choice(REGION_KINDS)
        name = region + suffix
        org_short = org if org == "管委会" or suffix == "镇" else level + org
        year = r.randint(2018, 2024)
        half = r.random() < 0.45
        period = r.choice(["上半年", "1-6月", "前三季度"]) if half else "全年"
        kind = r.choice(["工作总结", "工作情况汇报", "工作总结", "自查报告", "工作报告"])
        if half and period != "前三季度" and r.random() < 0.6:
            title = "%s%s%d年上半年招商引资%s及下半年工作打算" % (name, org, year, kind)
        else:
            title = "%s%s%d年%s招商引资%s" % (name, org, year, "" if period == "全年" else period, kind)
        inds = r.sample(INDUSTRIES, r.randint(2, 3))
        intro = ("%d年%s，%s在%s的坚强领导下，坚持把招商引资作为经济工作的“一号工程”，聚焦%s%s大主导产业，"
                 "大抓招商、抓大招商，招商引资各项工作取得了%s。现将%s工作情况%s如下："
                 % (year, "" if period == "全年" else period, org_short, r.choice(SUPERIOR), "、".join(inds),
                    "一两三"[len(inds) - 1], r.choice(["新的进展", "明显成效", "积极成效", "较好成绩"]),
                    period, r.choice(["总结", "汇报", "报告"])))
        fixed = len(title.encode()) + len(intro.encode()) + 200

        def numbered(i, s):
            return s.replace("〖N〗", "%d." % i, 1)

        def sub(i, s):
            return "（%s）%s" % (cn_int(i), s)

        metrics, m_size = self._fill(P.metric, 0.20 * target, 6, numbered)
        practices, p_size = self._fill(P.practice, 0.34 * target, 14, sub)
        problems, q_size = self._fill(P.problem, 0.08 * target, 3, lambda i, s: s)
        intro4, i_size = self._pick(P.plan_intro)
        plans, l_size = self._fill(P.plan, 0.18 * target, 10, sub)
        rest = target - fixed - m_size - p_size - q_size - i_size - l_size
        # 一、(二)… : activities and breakdowns by park / town take up the rest
        middle = []
        k = 2
        while rest > 0 or k == 2:
            if r.random() < 0.15:
                parks = r.random() < 0.5
                middle.append("（%s）%s" % (cn_int(k), r.choice(["各园区完成情况", "重点园区招商情况"] if parks
                                                               else ["各乡镇（街道）完成情况", "各镇招商情况"])))
                items, n = self._fill(P.breakdown_parks if parks else P.breakdown_towns, min(rest, 4000),
                                      r.randint(2, 8), numbered)
            else:
                middle.append("（%s）%s" % (cn_int(k), r.choice(
                    ["产业链招商成效明显", "活动招商亮点纷呈", "项目服务持续优化", "重大项目取得突破",
                     "园区平台支撑有力", "外资招引稳中有进", "以商招商成效显著"])))
                items, n = self._fill(P.activity, min(rest, 1500), 2, lambda i, s: s)
            middle += items
            rest -= n
            k += 1
        h = iter(H1)
        paras = [title, intro,
                 next(h) + "、" + r.choice(["主要指标完成情况", "工作开展情况", "招商引资工作情况", "主要工作成效"]),
                 "（一）主要指标完成情况"] + metrics + middle
        paras += [next(h) + "、" + r.choice(["主要做法", "主要措施", "工作举措"])] + practices
        paras += [next(h) + "、" + r.choice(["存在的问题", "存在的困难和问题", "问题与不足"])] + problems
        if half:
            ph = "下半年工作打算"
        else:
            ph = r.choice(["%d年工作打算" % (year + 1), "下一步工作计划", "%d年工作思路" % (year + 1)])
        paras += [next(h) + "、" + ph, ("下半年，" if half else "%d年，" % (year + 1)) + intro4] + plans
        paras.append(name + org)
        paras.append("%d年%d月%d日" % (year + (0 if half else 1), r.randint(7, 10) if half else r.randint(1, 2),
                                     r.randint(1, 28)))
        text = "\n\n".join(paras) + "\n"
        when = {"全年": "全年，", "上半年": "上半年，", "1-6月": "1-6月，", "前三季度": "1-9月，"}[period]
        return (text.replace("〖T〗", when if r.random() < 0.7 else "", 1).replace("〖T〗", "").replace("〖S〗", scope)
                .replace("〖U〗", level).replace("〖P〗", r.choice(UPPER)))

    def variant(self, text):
        """Apply the document's surface variants; returns (bytes, tags)."""
        r = self.r
        tags = []
        x = r.random()
        fullwidth = x < 0.03
        if fullwidth:
            text = text.translate(FULLWIDTH_DIGITS)
            text = text.replace("\n\n", "\n\n　　")
            tags.append("fullwidth")
        elif r.random() < 0.4:
            text = text.translate(HALFWIDTH_PUNCT)
            tags.append("halfwidth-punct")
        if r.random() < 0.10:
            text = text.translate(TRAD)
            tags.append("traditional")
        if r.random() < 0.3:
            text = text.replace("\n\n", "\n")
        if r.random() < 0.02:
            # PDF copy: hard line breaks every 38 characters inside paragraphs
            w = 38
            text = "\n".join("\n".join(p[i:i + w] for i in range(0, len(p), w)) for p in text.split("\n"))
            tags.append("pdf-breaks")
        if r.random() < 0.05:
            text = text.replace("\n", "\r\n")
            tags.append("crlf")
        if r.random() < 0.05:
            data = text.encode("gb18030")
            tags.append("gb18030")
        else:
            if r.random() < 0.03:
                text = "\ufeff" + text
                tags.append("bom")
            data = text.encode("utf-8")
        return data, tags

    def doc_size(self, median):
        return int(median * math.exp(self.r.uniform(math.log(0.25), math.log(3.75))))


# ---------------------------------------------------------------- main

def parse_size(s):
    s = s.strip().upper().rstrip("B")
    mult = 1
    if s and s[-1] in "KMGT":
        mult = 1024 ** ("KMGT".index(s[-1]) + 1)
        s = s[:-1]
    v = float(s) * mult
    if v <= 0:
        raise argparse.ArgumentTypeError("size must be positive")
    return int(v)


def write_corpus(out, total, seed, doc_size, quiet):
    dm = DocMaker(seed)
    written = 0
    count = 0
    tags_count = {}
    t0 = time.time()
    folder = None
    while written < total:
        if count % 1000 == 0:
            folder = os.path.join(out, "d%04d" % (count // 1000))
            os.makedirs(folder, exist_ok=True)
        text = dm.report(dm.doc_size(doc_size))
        data, tags = dm.variant(text)
        for t in tags:
            tags_count[t] = tags_count.get(t, 0) + 1
        with open(os.path.join(folder, "r%06d.txt" % count), "wb") as f:
            f.write(data)
        written += len(data)
        count += 1
        if not quiet and count % 5000 == 0:
            el = time.time() - t0
            sys.stderr.write("\r%d docs, %.0f MB, %.1f MB/s " % (count, written / 1e6, written / 1e6 / max(el, 1e-9)))
    if not quiet:
        sys.stderr.write("\r%d docs, %d bytes in %.1f s; variants: %s\n"
                         % (count, written, time.time() - t0,
                            ", ".join("%s %d" % kv for kv in sorted(tags_count.items()))))
    return count, written


def write_single(out, size, seed, size_label):
    dm = DocMaker(seed)
    r = dm.r
    region = r.choice(dm.P.regions)
    title = "%s市%d年各县（市、区）招商引资工作总结汇编" % (region, r.randint(2019, 2024))
    parts = [title + "\n\n"]
    n = len(parts[0].encode())
    while n < size + 4096:
        t = dm.report(dm.doc_size(8192)) + "\n"
        parts.append(t)
        n += len(t.encode())
    data = "".join(parts).encode("utf-8")[:size]
    # end at the last sentence end (or line end) that fits
    cut = max(data.rfind("。".encode()), data.rfind(b"\n"))
    if cut > 0:
        data = data[:cut + (3 if data[cut:cut + 3] == "。".encode() else 1)]
    if not data.endswith(b"\n"):
        data += b"\n" if len(data) < size else b""
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "single-%s.txt" % size_label)
    with open(path, "wb") as f:
        f.write(data)
    return path, len(data)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", metavar="OUT_DIR")
    ap.add_argument("--size", type=parse_size, help="total corpus size (K, M, G suffixes: binary)")
    ap.add_argument("--single", metavar="SIZE", help="write one document of SIZE, as OUT_DIR/single-SIZE.txt")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--doc-size", type=parse_size, default=8192, help="median document size (default 8K)")
    ap.add_argument("-q", "--quiet", action="store_true")
    a = ap.parse_args()
    if (a.size is None) == (a.single is None):
        ap.error("give exactly one of --size and --single")
    if a.single is not None:
        try:
            size = parse_size(a.single)
        except (ValueError, argparse.ArgumentTypeError):
            ap.error("--single: not a size: %r" % a.single)
        path, n = write_single(a.out, size, a.seed, a.single)
        if not a.quiet:
            sys.stderr.write("%s: %d bytes\n" % (path, n))
        print(path)
        return
    os.makedirs(a.out, exist_ok=True)
    write_corpus(a.out, a.size, a.seed, a.doc_size, a.quiet)


if __name__ == "__main__":
    main()
