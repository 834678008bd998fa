#!/usr/bin/env python3
"""Build cases.tsv / negatives.tsv from the peer test suites listed in SOURCES.md.

Every row below was transcribed by hand from the peer's test file (see SOURCES.md for
repository, path, commit and license).  Amounts are written here in whole units of the
currency (元, 美元, 港元 ...) exactly as the peer's expectation implies, or as the zsmetrics
conventions (shared/spec/ANNOTATION.md, OUTPUT.md) require where the two differ; the script
divides by 10^8 with exact decimal arithmetic to get the value in 亿.

Run:  python3 build_cases.py   (writes cases.tsv and negatives.tsv next to this file)
"""
import csv
import os
from decimal import Decimal, getcontext

getcontext().prec = 60
HERE = os.path.dirname(os.path.abspath(__file__))

APACHE_JIO = "Apache-2.0 (setup.py __license__ 'Apache License 2.0' and source headers; root LICENSE file not in the index)"
SRC = {
    "jio_parser": ("dongrixinyu/JioNLP", "test/test_money_parser.py", APACHE_JIO),
    "jio_extract": ("dongrixinyu/JioNLP", "test/test_money_extractor.py", APACHE_JIO),
    "jio_rs": ("Psli/jionlp_rs", "crates/jionlp-core/tests/parity_money.rs", "Apache-2.0 (Cargo.toml workspace license)"),
    "duckling": ("facebook/duckling", "Duckling/AmountOfMoney/ZH/Corpus.hs", "BSD-3-Clause (LICENSE: 'BSD License For Duckling software')"),
    "msrt": ("microsoft/Recognizers-Text", "Specs/NumberWithUnit/Chinese/CurrencyModel.json", "MIT (package.json license field MIT; root LICENSE file not in the index)"),
    "nemo_itn": ("NVIDIA/NeMo-text-processing", "tests/nemo_text_processing/zh/data_inverse_text_normalization/test_cases_money.txt", "Apache-2.0 (header of tests/nemo_text_processing/zh/test_money.py)"),
    "nemo_tn": ("NVIDIA/NeMo-text-processing", "tests/nemo_text_processing/zh/data_text_normalization/test_cases_money.txt", "Apache-2.0 (header of tests/nemo_text_processing/zh/test_money.py)"),
    "wetext_itn_money": ("wenet-e2e/WeTextProcessing", "itn/chinese/test/data/money.txt", "Apache-2.0 (test file headers)"),
    "wetext_itn_norm": ("wenet-e2e/WeTextProcessing", "itn/chinese/test/data/normalizer.txt", "Apache-2.0 (test file headers)"),
    "wetext_itn_measure": ("wenet-e2e/WeTextProcessing", "itn/chinese/test/data/measure.txt", "Apache-2.0 (test file headers)"),
    "wetext_tn_norm": ("wenet-e2e/WeTextProcessing", "tn/chinese/test/data/normalizer.txt", "Apache-2.0 (test file headers)"),
    "cn2an_an2cn": ("Ailln/cn2an", "cn2an/an2cn_test.py", "MIT (LICENSE)"),
    "cn2an_transform": ("Ailln/cn2an", "cn2an/transform_test.py", "MIT (LICENSE)"),
    "hutool_fmt": ("dromara/hutool", "hutool-core/src/test/java/org/dromara/hutool/core/math/ChineseNumberFormatterTest.java", "MulanPSL-2.0 (repo LICENSE); this file's header: Apache-2.0"),
    "hutool_parse": ("dromara/hutool", "hutool-core/src/test/java/org/dromara/hutool/core/math/ChineseNumberParserTest.java", "MulanPSL-2.0 (repo LICENSE); this file's header: Apache-2.0"),
    "hutool_2611": ("dromara/hutool", "hutool-core/src/test/java/cn/hutool/core/convert/Issue2611Test.java", "MulanPSL-2.0 (repo LICENSE)"),
    "chcur": ("nottxy/chinese_currency", "tests/smoe_test.rs", "MIT OR Apache-2.0 (Cargo.toml 'MIT/Apache-2.0'; LICENSE-MIT, LICENSE-APACHE)"),
    "borax": ("kinegratii/borax", "tests/test_finance.py", "MIT (LICENSE)"),
    "nzh_data": ("cnwhy/nzh", "test/testData.js", "BSD-2-Clause (package.json; no LICENSE file in the index)"),
    "nzh_other": ("cnwhy/nzh", "test/test_other.js", "BSD-2-Clause (package.json; no LICENSE file in the index)"),
}

ROWS = []      # (src, input, lo, hi, currency, approx, note)
NEGATIVES = []  # (src, input, note)


def R(src, text, lo, hi=None, cur="CNY", approx="", note=""):
    assert src in SRC, src
    assert approx in ("", "about", "more_than", "at_least", "at_most", "range"), approx
    if hi is not None:
        assert approx == "range", (text, approx)
    if approx == "range":
        assert hi is not None, text
    ROWS.append((src, text, str(lo), None if hi is None else str(hi), cur, approx, note))


def N(src, text, note):
    NEGATIVES.append((src, text, note))


NO_CUR = "no currency word (bare number/万/k/w); zsmetrics counts it only in a money context"

# ---------------------------------------------------------------- JioNLP parse_money
s = "jio_parser"
R(s, "82，225.00元", "82225", note="peer: 82225.00 元 accurate; full-width comma as thousands separator")
R(s, "25481港元", "25481", cur="HKD", note="peer: 25481.00 港元 accurate")
R(s, "45564.44美元", "45564.44", cur="USD", note="peer: 45564.44 美元 accurate")
R(s, "233,333，333,434.344元", "233333333434.344",
  note="peer: 233333333434.34 (peer rounds to 0.01元); value here is the written figure unrounded; mixed half/full-width commas")
R(s, "1.2万元", "12000", note="peer: 12000.00 元 accurate")
R(s, "3千万亿日元", "3000000000000000", cur="JPY", note="peer: 3e15 日元 accurate; 千万亿 = 10^15")
R(s, "新台币 177.1 亿元", "17710000000", cur="TWD", note="peer: 17710000000.00 新台币 accurate; spaces inside the amount")
R(s, "15k左右", "15000", approx="about", note="peer: 15000.00 元 blur; k suffix; " + NO_CUR)
R(s, "30w上下", "300000", approx="about", note="peer: 300000.00 元 blur; w = 万; " + NO_CUR)
R(s, "六十四万零一百四十三元一角七分", "640143.17", note="peer: 640143.17 元 accurate")
R(s, "壹万二千三百四十五元", "12345", note="peer: 12345.00 元 accurate; mixed financial/ordinary numerals")
R(s, "三百万", "3000000", note="peer: 3000000.00 元 accurate (default unit 元); " + NO_CUR)
R(s, "肆佰叁拾萬", "4300000", note="peer: 4300000.00 元 accurate (default unit 元); Traditional 萬; " + NO_CUR)
R(s, "肆佰叁拾萬圆整", "4300000", note="peer: 4300000.00 元 accurate; financial numerals, 圆整")
R(s, "肆佰叁拾萬圆", "4300000", note="peer: 4300000.00 元 accurate")
R(s, "二十五万三千二百泰铢", "253200", cur="THB", note="peer: 253200.00 泰铢 accurate")
R(s, "两个亿卢布", "200000000", cur="RUB", note="peer: 200000000.00 卢布 accurate; 两个亿 (measure word inside); 卢布 taken as RUB")
R(s, "十块三毛", "10.3", note="peer: 10.30 元 accurate")
R(s, "一百三十五块六角七分钱", "135.67", note="peer: 135.67 元 accurate")
R(s, "港币两千九百六十元", "2960", cur="HKD", note="peer: 2960.00 港元 accurate; currency word before the figure")
R(s, "约4.287亿美元", "428700000", cur="USD", approx="about", note="peer: 428700000.00 美元 blur")
R(s, "近700万元", "7000000", approx="about", note="peer: blur- (below); zsmetrics OUTPUT.md maps 近 to about")
R(s, "至少九千块钱以上", "9000", approx="at_least", note="peer: 9000.00 元 blur+")
R(s, "不到1.9万台币", "19000", cur="TWD", approx="at_most",
  note="peer: 19000.00 新台币 blur-; 不到 = less than; OUTPUT.md has no strict less-than, at_most is the nearest")
R(s, "3000多欧元", "3000", cur="EUR", approx="more_than",
  note="CONFLICT: peer gives range 3000-4000 欧元; zsmetrics OUTPUT.md maps 多 to more_than with the written figure")
R(s, "几十万块", "100000", "1000000", approx="range", note="peer: 100000-1000000 元 blur; matches ANNOTATION 几十 -> 10-100")
R(s, "人民币数十亿元", "1000000000", "10000000000", approx="range", note="peer: 1e9-1e10 元; matches ANNOTATION 数十亿 -> 10-100亿")
R(s, "数十亿元人民币", "1000000000", "10000000000", approx="range", note="peer: 1e9-1e10 元; currency word after the unit")
R(s, "十几块钱", "10", "20", approx="range",
  note="peer: 10-20 元 blur; ANNOTATION does not define 十几, range 10-20 kept by analogy with 几十 -> 10-100")
R(s, "大约十多欧元", "10", cur="EUR", approx="more_than",
  note="CONFLICT: peer gives range 10-20 欧元; zsmetrics maps 多 to more_than (大约 also present; about would be the other reading)")
R(s, "从8500到3万港元", "8500", "30000", cur="HKD", approx="range",
  note="peer: 8500-30000 港元; ANNOTATION example: unit not applied to the low end when that would exceed the high end")
R(s, "1万-5万元", "10000", "50000", approx="range", note="peer: 10000-50000 元")
R(s, "1万元--5万元", "10000", "50000", approx="range", note="peer: 10000-50000 元; double-hyphen dash")
R(s, "10~15k元", "10000", "15000", approx="range", note="peer: 10000-15000 元; k suffix carried to the low end")
R(s, "2——3万港币", "20000", "30000", cur="HKD", approx="range", note="peer: 20000-30000 港元; —— dash, unit written once")
R(s, "两到三万港元", "20000", "30000", cur="HKD", approx="range", note="peer: 20000-30000 港元; ANNOTATION example")
R(s, "十八至三十万日元", "180000", "300000", cur="JPY", approx="range", note="peer: 180000-300000 日元")
R(s, "两到三仟澳元", "2000", "3000", cur="AUD", approx="range", note="peer: 2000-3000 澳元; low end takes the high end's 仟")
R(s, "两~3百日元", "200", "300", cur="JPY", approx="range", note="peer: 200-300 日元; low end takes the high end's 百")
R(s, "一百二十到一百五十万元", "1200000", "1500000", approx="range", note="peer: 1200000-1500000 元")
R(s, "一千到两千万元人民币", "10000000", "20000000", approx="range", note="peer: 1e7-2e7 元")
R(s, "七千到九千亿元", "700000000000", "900000000000", approx="range", note="peer: 7e11-9e11 元")
R(s, "八到九百亿泰铢", "80000000000", "90000000000", cur="THB", approx="range",
  note="CONFLICT/REVIEW: peer gives 8亿-900亿 泰铢 (its comment calls the case ambiguous and picks 八亿); "
       "written here as 800-900亿, consistent with 两到三仟 -> 2000-3000; ANNOTATION.md does not settle place words (百/千) on a bare low end")
R(s, "八百到九百亿泰铢", "80000000000", "90000000000", cur="THB", approx="range", note="peer: 8e10-9e10 泰铢")
R(s, "八九亿韩元", "800000000", "900000000", cur="KRW", approx="range", note="peer: 8e8-9e8 韩元; ANNOTATION example 八九亿 -> 8-9亿")
R(s, "三五百块", "300", "500", approx="range", note="peer: 300-500 元; non-consecutive adjacent digits 三五")
R(s, "四五千块钱", "4000", "5000", approx="range", note="peer: 4000-5000 元")
R(s, "50万元（含）以上", "500000", approx="at_least", note="peer: 500000.00 元 blur+; （含） inside")
R(s, "1万(含)-5万元", "10000", "50000", approx="range", note="peer: 10000-50000 元; (含) inside the range")

# ---------------------------------------------------------------- JioNLP extract_money
s = "jio_extract"
t = "张三赔偿李大花人民币车费601,293.11元，工厂费一万二千三百四十五元,利息9佰日元，打印费十块钱。"
R(s, t, "601293.11", note="amount 1/4: '601,293.11元' offset [12,23]; peer extracts span only (with_parsing=False), value derived")
R(s, t, "12345", note="amount 2/4: '一万二千三百四十五元' offset [27,37]")
R(s, t, "900", cur="JPY", note="amount 3/4: '9佰日元' offset [40,44]; Arabic digit + financial 佰")
R(s, t, "10", note="amount 4/4: '十块钱' offset [48,51]")
R(s, "税额共计壹仟玖佰圆整，限月今年12月31日缴清。", "1900", note="'壹仟玖佰圆整' offset [4,10]; value derived")
R(s, "报账金额在1 万(含)-5 万元之间的交由上级批复。", "10000", "50000", approx="range",
  note="'1 万(含)-5 万元' offset [5,16]; spaces and (含) inside the range")
R(s, "我们薪酬能给到10k~15k。", "10000", "15000", approx="range",
  note="'10k~15k' offset [7,14]; salary; " + NO_CUR)
R(s, "2.2本计划投资3541.07万元2.3本项目……", "35410700",
  note="'3541.07万元' offset [8,17]; section numbers 2.2 / 2.3 glued to the text must not be read")
R(s, "到了次日的凌晨2许时就发现车被盗了，该车价值2000余元", "2000", approx="more_than", note="'2000余元' offset [22,28]")
N(s, "基站总数是10000，其中有9000台是huawei 建的，还有一台是实验品。", "peer expects no money (counts of base stations)")
N(s, "经查，公诉机关起诉指控的被盗财物数量依照人民币被害人陈述予以认定，被告人班x庭审中提出只有两瓶津威的辩解意见，依照有利于被告人的原则，",
  "peer expects no money (人民币 without a figure; 两瓶)")
N(s, "审判长李x审判员谢x审判员周x本件与原本核对无异二○一八年七月四日书记员龚x1000011Administratorjohnny172016-09-14T14:00:00Z2017-04-27T09:24:00ZNormal.dotm2111799MicrosoftOfficeWord011falsechinafalse115falsefalse14.",
  "peer expects no money (document metadata noise)")
N(s, "刑满释放后不足一个月又犯盗窃罪，系累犯，应从重处罚。\"", "peer expects no money")
N(s, "数额巨大或者有其他严重情节的，处三年以上十年以下有期徒刑，并处罚金；", "peer expects no money (罚金 without a figure; 三年以上)")

# ---------------------------------------------------------------- jionlp_rs (Rust port; only cases not in the JioNLP files above)
s = "jio_rs"
R(s, "一百元", "100", note="peer: num 100 case 元")
R(s, "100元5角3分", "100.53", note="peer: 100.53 元")
R(s, "100-200元", "100", "200", approx="range", note="peer: num 100 end_num 200")
R(s, "约100元", "100", approx="about", note="peer: 100 blur")
R(s, "￥100", "100", note="peer: case 元; currency symbol ￥ (full-width yen/yuan sign) read as CNY")
R(s, "$100.5", "100.5", cur="USD", note="peer: case 美元; symbol only")
R(s, "€50", "50", cur="EUR", note="peer: case 欧元; symbol only")
R(s, "1,234.56元", "1234.56", note="peer: 1234.56 元")
R(s, "123元1角1分", "123.11", note="peer: 123.11 元 accurate")
R(s, "一百二十三元1角1分", "123.11", note="peer: 123.11 元 accurate; Chinese and Arabic digits mixed")
R(s, "三万元欧元", "30000", cur="EUR", note="peer: 30000 欧元 accurate; doubled currency word 元欧元")
R(s, "9000元日币", "9000", cur="JPY", note="peer: 9000 日元 accurate; 元日币")
R(s, "小于40万", "400000", approx="at_most", note="peer: 400000 元 blur-; 小于 = less than, at_most is the nearest; " + NO_CUR)
t = "海航亏损7000万港元出售香港公寓。以2.6亿港元的价格出售"
R(s, t, "70000000", cur="HKD", note="amount 1/2: '7000万港元' (peer asserts the span is found)")
R(s, t, "260000000", cur="HKD", note="amount 2/2: '2.6亿港元'")

# ---------------------------------------------------------------- duckling ZH AmountOfMoney corpus
s = "duckling"
HK = "Cantonese/Hong Kong unit (蚊/個/毫/仙): peer unit is generic Dollar/Cent, HKD assumed here"
GEN = "peer unit Dollar (generic); bare 元/块 -> CNY per ANNOTATION"
for x in ("五分", "5分"):
    R(s, x, "0.05", note="peer: Cent 5; 分 alone is also minutes/points - money only in context")
R(s, "五仙", "0.05", cur="HKD", note="peer: Cent 5; " + HK)
for x in ("20分", "二十分"):
    R(s, x, "0.2", note="peer: Cent 20; 分 alone is also minutes/points - money only in context")
for x in ("2角", "两毛"):
    R(s, x, "0.2", note="peer: Cent 20")
R(s, "两毫", "0.2", cur="HKD", note="peer: Cent 20; " + HK)
for x in ("25分", "二十五分"):
    R(s, x, "0.25", note="peer: Cent 25; 分 alone is also minutes/points")
for x in ("两角五分", "两毛五"):
    R(s, x, "0.25", note="peer: Cent 25")
for x in ("7块", "七元"):
    R(s, x, "7", note="peer: Dollar 7; " + GEN)
R(s, "七蚊", "7", cur="HKD", note="peer: Dollar 7; " + HK)
R(s, "五個半", "5.5", cur="HKD", note="peer: Dollar 5.5; " + HK)
for x in ("個半", "一個半"):
    R(s, x, "1.5", cur="HKD", note="peer: Dollar 1.5; " + HK)
R(s, "個九", "1.9", cur="HKD", note="peer: Dollar 1.9; " + HK)
R(s, "3.14人民币", "3.14", note="peer: CNY 3.14")
R(s, "人民幣3.14", "3.14", note="peer: CNY 3.14; Traditional 幣, currency word first")
for x in ("3.14港幣", "港幣3.14"):
    R(s, x, "3.14", cur="HKD", note="peer: HKD 3.14")
R(s, "港幣三個一毫四", "3.14", cur="HKD", note="peer: HKD 3.14; 個 = dollar, 毫 = 角")
R(s, "1.2元以下", "1.2", approx="at_most", note="peer: under Dollar 1.2; " + GEN)
for x in ("最多一块二角", "最多一块二"):
    R(s, x, "1.2", approx="at_most", note="peer: under Dollar 1.2; " + GEN)
R(s, "3.04块以上", "3.04", approx="at_least", note="peer: above Dollar 3.04; " + GEN)
for x in ("至少三块四分", "至少三块零四"):
    R(s, x, "3.04", approx="at_least", note="peer: above Dollar 3.04; " + GEN)
R(s, "起碼三蚊零四", "3.04", cur="HKD", approx="at_least", note="peer: above Dollar 3.04; " + HK)
for x in ("5.6到5.78元", "五元六角-五元七毛八分", "五块六到五块七毛八"):
    R(s, x, "5.6", "5.78", approx="range", note="peer: between Dollar 5.6-5.78; " + GEN)
R(s, "五蚊六毫至五蚊七毫八", "5.6", "5.78", cur="HKD", approx="range", note="peer: between Dollar 5.6-5.78; " + HK)
for x in ("二到三元", "兩块到三块"):
    R(s, x, "2", "3", approx="range", note="peer: between Dollar 2-3; " + GEN)
R(s, "兩三蚊", "2", "3", cur="HKD", approx="range", note="peer: between Dollar 2-3; adjacent digits 兩三; " + HK)
for x in ("幾百块", "數百块"):
    R(s, x, "100", "1000", approx="range",
      note="CONFLICT: peer gives between Dollar 300-900; ANNOTATION 数百/几百 -> 100-1000; Traditional 幾/數")

# ---------------------------------------------------------------- Microsoft Recognizers-Text, Chinese CurrencyModel
s = "msrt"
t = "江苏彩民15元中大乐透1600万 奖池36.57亿"
R(s, t, "15", note="peer: '15元' isoCurrency CNY value 15 (the only result the peer expects)")
R(s, t, "16000000", note="CONFLICT: not a peer result; bare 万 in a money context (lottery prize) counts per ANNOTATION ('1600万')")
R(s, t, "3657000000", note="CONFLICT: not a peer result; bare 亿 in a money context (奖池 jackpot) counts per ANNOTATION ('36.57亿')")
R(s, "其中，四川彩友中得1注1000万元基本头奖；", "10000000", note="peer: '1000万元' CNY 10000000; '1注' is not money")
R(s, "本期开奖结束后，奖池金额攀升至36.57亿元。", "3657000000", note="peer: '36.57亿元' CNY")
R(s, "１欧元可以", "1", cur="EUR", note="peer: '1欧元' EUR 1; full-width digit; out-of-scope: price (exchange-rate quote)")
R(s, "兑换１．０７５３美元", "1.0753", cur="USD", note="peer: '1.0753美元' USD; full-width digits and point; out-of-scope: price (exchange-rate quote)")
R(s, "兑换1.0092瑞士法郎", "1.0092", cur="CHF", note="peer: '1.0092瑞士法郎' CHF; out-of-scope: price (exchange-rate quote)")
R(s, "2016年由于并购等直接投资，中国资金净流出1200亿美元", "120000000000", cur="USD", note="peer: '1200亿美元' USD; 2016年 is not money")
R(s, "宝安科技公司与国际精密的15位股东签署收购协议，以每股1.95港元", "1.95", cur="HKD",
  note="peer: '1.95港元' HKD; out-of-scope: price (每股 per-share price)")
R(s, "央行到期定存单5306亿台币", "530600000000", cur="TWD", note="peer: '5306亿台币' TWD")
R(s, "东芝重组另需1万亿日元 已向交易银行申请贷款", "1000000000000", cur="JPY", note="peer: '1万亿日元' JPY")
R(s, "10日元5日本銭", "10.05", cur="JPY", note="peer: '10日元5日本銭' JPY 10.05 (銭 = 1/100 yen); NotSupported in javascript/python/java")
R(s, "达到445奈拉兑换", "445", cur="NGN", note="peer: '445奈拉' NGN; out-of-scope: price (exchange-rate quote)")
R(s, "十五美元", "15", cur="USD", note="peer: USD 15")
R(s, "十美元", "10", cur="USD", note="peer: USD 10")
R(s, "苹果折扣一美元", "1", cur="USD", note="peer: '一美元' USD 1")
R(s, "这台电脑两美元", "2", cur="USD", note="peer: '两美元' USD 2")
R(s, "这台电脑两美元又三美分", "2.03", cur="USD", note="peer: '两美元又三美分' USD 2.03; NotSupported javascript/python")
R(s, "这个手机壳五元三毛", "5.3", note="peer: '五元三毛' CNY 5.3; NotSupported javascript/python")
t = "这个手机壳花费你五美元和花费我三块"
R(s, t, "5", cur="USD", note="amount 1/2: peer '五美元' USD 5")
R(s, t, "3", note="amount 2/2: peer '三块' CNY 3")

# ---------------------------------------------------------------- NeMo text processing, zh ITN money (spoken -> written)
s = "nemo_itn"
CURS = [("美元", "USD", "US$"), ("元", "CNY", "¥"), ("欧元", "EUR", "€"), ("英镑", "GBP", "£"),
        ("韩元", "KRW", "₩"), ("印度卢布", "INR", "₹"), ("日元", "JPY", "JPY¥")]
AMTS = [("一千", "1000", "1000"), ("五千", "5000", "5000"), ("一万", "10000", "1万"), ("一点五万", "15000", "1.5万"),
        ("五十万", "500000", "50万"), ("一百万", "1000000", "100万"), ("一千万", "10000000", "1000万")]
for word, code, sym in CURS:
    for cn, val, written in AMTS:
        if word == "元" and cn == "一点五万":
            # the peer file has 一千五万元 in this slot instead of 一点五万元
            R(s, "一千五万元", "15000000",
              note="CONFLICT/REVIEW: peer expects '¥1005万' (一千零五万); zsmetrics numerals read a trailing digit after 千 as the next place "
                   "(两千五 -> 2500, tests/unit/numerals.test), giving 1500万; the form is ambiguous")
            continue
        R(s, cn + word, val, cur=code, note="peer: '%s%s'" % (sym, written))

# ---------------------------------------------------------------- NeMo text processing, zh TN money (written -> spoken)
s = "nemo_tn"
SYM = "symbol-only input, no Chinese characters"
R(s, "$5", "5", cur="USD", note="peer: 五美元; " + SYM)
R(s, "￥5", "5", note="peer: 五人民币; " + SYM)
R(s, "$100", "100", cur="USD", note="peer: 一百美元; " + SYM)
R(s, "€5", "5", cur="EUR", note="peer: 五欧元; " + SYM)
R(s, "£100", "100", cur="GBP", note="peer: 一百英镑; " + SYM)
R(s, "₩100", "100", cur="KRW", note="peer: 一百韩元; " + SYM)
R(s, "100美元", "100", cur="USD", note="peer: 一百美元")
R(s, "500美元", "500", cur="USD", note="peer: 五百美元")
R(s, "5元", "5", note="peer: 五元")
R(s, "5毛", "0.5", note="peer: 五毛")
R(s, "5分", "0.05", note="peer: 五分; 分 alone is also minutes/points - money only in context")
R(s, "5角", "0.5", note="peer: 五角")
R(s, "5块", "5", note="peer: 五块")
R(s, "6毛", "0.6", note="peer: 六毛")
R(s, "5块5毛5分", "5.55", note="peer: 五块五毛五分")
R(s, "1到5美元", "1", "5", cur="USD", approx="range", note="peer: 一到五美元")
R(s, "$1-5", "1", "5", cur="USD", approx="range", note="peer: 一到五美元; symbol applies to both ends; " + SYM)
R(s, "1到5人民币", "1", "5", approx="range", note="peer: 一到五人民币")
R(s, "100到500元", "100", "500", approx="range", note="peer: 一百到五百元")
R(s, "$100-500", "100", "500", cur="USD", approx="range", note="peer: 一百到五百美元; " + SYM)
R(s, "€5-10", "5", "10", cur="EUR", approx="range", note="peer: 五到十欧元; " + SYM)
R(s, "£100到300", "100", "300", cur="GBP", approx="range", note="peer: 一百到三百英镑; symbol before the low end only")
R(s, "₩100到500", "100", "500", cur="KRW", approx="range", note="peer: 一百到五百韩元; symbol before the low end only")
R(s, "100到300美元", "100", "300", cur="USD", approx="range", note="peer: 一百到三百美元")
R(s, "1到100块", "1", "100", approx="range", note="peer: 一到一百块")
R(s, "1.5万美元", "15000", cur="USD", note="peer: 一点五万美元")
R(s, "$1.5万", "15000", cur="USD", note="peer: 一点五万美元; symbol + 万")
R(s, "3.5万韩元", "35000", cur="KRW", note="peer: 三点五万韩元")
R(s, "5到10欧元", "5", "10", cur="EUR", approx="range", note="peer: 五到十欧元")
R(s, "5到99999美元", "5", "99999", cur="USD", approx="range", note="peer: 五到九万九千九百九十九美元")

# ---------------------------------------------------------------- WeTextProcessing ITN money.txt (spoken -> written)
s = "wetext_itn_money"
R(s, "一点二五元", "1.25", note="peer: ¥1.25")
R(s, "一点二五人民币", "1.25", note="peer: CNY1.25")
R(s, "三十四点五二一元", "34.521", note="peer: ¥34.521")
R(s, "八九千美元", "8000", "9000", cur="USD", approx="range", note="peer: $8000~9000; adjacent digits")
R(s, "七八英镑", "7", "8", cur="GBP", approx="range", note="peer: £7~8; adjacent digits")
R(s, "十五六卢布", "15", "16", cur="RUB", approx="range", note="peer: ₽15-6 (shorthand for 15-16); adjacent digits")
R(s, "四十五六新台币", "45", "46", cur="TWD", approx="range", note="peer: TWD45-6 (shorthand for 45-46)")
R(s, "七百三四十欧元", "730", "740", cur="EUR", approx="range", note="peer: €730-40 (shorthand for 730-740); ANNOTATION 三四十万 pattern")
R(s, "七百三四十马来西亚令吉", "730", "740", cur="MYR", approx="range", note="peer: RM730-40")
R(s, "三千三百八十元五角八分", "3380.58", note="peer: ¥3380.58")
R(s, "二十五元三毛", "25.3", note="peer: ¥25.3")

# ---------------------------------------------------------------- WeTextProcessing ITN normalizer.txt / measure.txt
s = "wetext_itn_norm"
R(s, "价格是十三点五元", "13.5", note="peer: 价格是¥13.5; price of an item (not a unit price)")
R(s, "价格是十三点五美元", "13.5", cur="USD", note="peer: 价格是$13.5; item price")
R(s, "价格是十三点五澳元", "13.5", cur="AUD", note="peer: 价格是A$13.5; item price")
R(s, "价格是十三点五港元", "13.5", cur="HKD", note="peer: 价格是HKD13.5; item price")
R(s, "二点五平方电线,五,五十五,疑是银河落九天,十二块五", "12.5",
  note="peer: ...,12块5; only 十二块五 is money (二点五平方 is a wire gauge, 五/五十五/九天 are not money)")
t = "十三五规划期间获得了十几万和几十万甚至二十几万的投资"
R(s, t, "100000", "200000", approx="range",
  note="amount 1/3 '十几万' (投资 context); peer leaves the phrase unchanged (no value); ANNOTATION does not define 十几, 10-20万 by analogy with 几十 -> 10-100; 十三五 is a plan name, not money")
R(s, t, "100000", "1000000", approx="range", note="amount 2/3 '几十万'; ANNOTATION 几十 -> 10-100万")
R(s, t, "200000", "300000", approx="range", note="amount 3/3 '二十几万'; not defined by ANNOTATION, 20-30万 by analogy")
s = "wetext_itn_measure"
R(s, "一百块钱", "100", note="peer: 100块钱")
R(s, "十二块五毛", "12.5", note="peer: 12块5毛")
t = "这块黄金重达三百二十四点七五克,我再随便来几个价格十二块五,三十四点五二一元,二十点一万"
R(s, t, "12.5", note="amount 1/3 '十二块五' (peer: 12块5); 三百二十四点七五克 is a weight")
R(s, t, "34.521", note="amount 2/3 '三十四点五二一元' (peer: ¥34.521)")
R(s, t, "201000", note="amount 3/3 '二十点一万' (peer: 20.1万, no currency); bare 万 in a list of prices - money context; " + NO_CUR)

# ---------------------------------------------------------------- WeTextProcessing TN normalizer.txt (written -> spoken)
s = "wetext_tn_norm"
R(s, "价格是￥13.5", "13.5", note="peer: 价格是十三点五元; item price")
R(s, "价格是$13.5", "13.5", cur="USD", note="peer: 价格是十三点五美元; item price")
R(s, "价格是A$13.5", "13.5", cur="AUD", note="peer: 价格是十三点五澳元; A$ = AUD")
R(s, "价格是HKD13.5", "13.5", cur="HKD", note="peer: 价格是十三点五港元; ISO code as prefix")

# ---------------------------------------------------------------- cn2an an2cn 'rmb' mode (number -> 大写金额)
s = "cn2an_an2cn"
CN2AN = [
    ("零元整", "0", "peer inputs 0, -0, 0.000500050005005, 0.00005 all give 零元整 (sub-fen truncated)"),
    ("壹元整", "1", "peer input 1"),
    ("拾壹元整", "11", "peer input 11; 拾 without a leading 壹"),
    ("壹佰万元整", "1000000", "peer input 1000000"),
    ("壹佰万零伍拾肆元整", "1000054", "peer input 1000054"),
    ("叁仟壹佰万零伍拾肆元整", "31000054", "peer input 31000054"),
    ("玖仟捌佰柒拾陆万伍仟肆佰叁拾贰亿玖仟捌佰柒拾陆万伍仟肆佰叁拾贰元整", "9876543298765432", "peer input 9876543298765432"),
    ("拾万亿元整", "10000000000000", "peer input 10000000000000"),
    ("负壹元整", "-1", "peer input -1; negative amount keeps its sign (ANNOTATION)"),
    ("负拾壹元整", "-11", "peer input -11; negative"),
    ("肆角叁分", "0.43", "peer input 0.4321 (peer truncates to 0.43); value is what the text says"),
    ("壹佰万零伍拾肆元肆角叁分", "1000054.43", "peer input 1000054.4321 (truncated to fen)"),
    ("壹元零壹分", "1.01", "peer input 1.01"),
    ("壹元贰角", "1.2", "peer input 1.2"),
    ("壹分", "0.01", "peer input 0.01"),
    ("负壹角", "-0.1", "peer input -0.1; negative"),
    ("壹元壹角", "1.1", "peer input 1.10"),
    ("拾贰元整", "12", "peer input 12.0"),
    ("贰元整", "2", "peer input 2.0"),
    ("壹角", "0.1", "peer input 0.10"),
]
for text, v, note in CN2AN:
    R(s, text, v, note=note)
s = "cn2an_transform"
R(s, "小王捡了100块钱", "100", note="peer pair: 小王捡了100块钱 <-> 小王捡了一百块钱 (an2cn/cn2an transform)")
R(s, "小王捡了一百块钱", "100", note="peer pair, Chinese-numeral side")

# ---------------------------------------------------------------- hutool
s = "hutool_fmt"
HUT = [
    ("壹拾贰万肆仟壹佰贰拾肆亿壹仟贰佰肆拾壹万贰仟肆佰贰拾壹元壹角贰分", "12412412412421.12", "digitToChinese(12_4124_1241_2421.12)"),
    ("壹拾贰万亿零壹仟贰佰肆拾壹万贰仟肆佰贰拾壹元整", "12000012412421", "digitToChinese(12_0000_1241_2421L); 万亿 then 零"),
    ("壹拾贰万亿零贰仟肆佰贰拾壹元整", "12000000002421", "digitToChinese(12_0000_0000_2421L)"),
    ("壹拾贰万肆仟壹佰贰拾肆亿壹仟贰佰肆拾壹万贰仟肆佰贰拾壹元整", "12412412412421", "digitToChinese(12_4124_1241_2421D)"),
    ("贰仟肆佰贰拾壹元零贰分", "2421.02", "digitToChinese(2421.02)"),
    ("陆万柒仟伍佰伍拾陆元叁角贰分", "67556.32", "digitToChinese(67556.32)"),
    ("壹仟零贰拾肆元整", "1024", "digitToChinese(1024.00) and (1024)"),
    ("贰亿元整", "200000000", "digitToChinese(2_0000_0000.00)"),
    ("贰万元整", "20000", "digitToChinese(2_0000.00)"),
    ("贰万亿元整", "2000000000000", "digitToChinese(2_0000_0000_0000.00)"),
    ("肆佰万元整", "4000000", "digitToChinese(400_0000.00)"),
    ("一分", "0.01", "money mode format(0.01); 分 alone is also minutes/points"),
    ("一角", "0.1", "money mode format(0.10)"),
    ("一角二分", "0.12", "money mode format(0.12)"),
    ("一元整", "1", "money mode format(1.00)"),
    ("一元一角", "1.1", "money mode format(1.10)"),
    ("一元零二分", "1.02", "money mode format(1.02)"),
    ("玖拾捌亿壹仟万零伍仟零贰拾贰元壹角贰分", "9810005022.12", "money+traditional format(9810005022.12D), issue IAZ8UB"),
]
for text, v, note in HUT:
    R(s, text, v, note="peer: " + note)
s = "hutool_parse"
for text, v in (("陆万柒仟伍佰伍拾陆圆", "67556"), ("陆万柒仟伍佰伍拾陆元", "67556"), ("叁角", "0.3"), ("贰分", "0.02"),
                ("陆万柒仟伍佰伍拾陆元叁角", "67556.3"), ("陆万柒仟伍佰伍拾陆元贰分", "67556.02"), ("叁角贰分", "0.32"),
                ("陆万柒仟伍佰伍拾陆元叁角贰分", "67556.32")):
    R(s, text, v, note="peer: parseFromChinese/parseFromChineseMoney -> %s (same cases in cn/hutool ConvertTest.testChineseMoneyToNumber)" % v)
s = "hutool_2611"
R(s, "陆万柒仟伍佰伍拾柒元", "67557", note="peer: chineseMoneyToNumber -> 67,557.00 (issue 2611)")

# ---------------------------------------------------------------- chinese_currency (Rust); peer input is in fen
s = "chcur"
CC = [(12, "壹角贰分"), (10, "壹角"), (2, "零贰分"), (0, "零圆整"), (345, "叁圆肆角伍分"), (340, "叁圆肆角"),
      (305, "叁圆零伍分"), (300, "叁圆整"), (6789, "陆拾柒圆捌角玖分"), (6780, "陆拾柒圆捌角"), (6709, "陆拾柒圆零玖分"),
      (6089, "陆拾圆捌角玖分"), (6700, "陆拾柒圆整"), (6009, "陆拾圆零玖分"), (6000, "陆拾圆整"), (12300, "壹佰贰拾叁圆整"),
      (10300, "壹佰零叁圆整"), (12000, "壹佰贰拾圆整"), (10000, "壹佰圆整"), (123400, "壹仟贰佰叁拾肆圆整"),
      (100400, "壹仟零肆圆整"), (1234500, "壹万贰仟叁佰肆拾伍圆整"), (1004500, "壹万零肆拾伍圆整"),
      (1200500, "壹万贰仟零伍圆整"), (1030500, "壹万零叁佰零伍圆整"), (1000000, "壹万圆整"),
      (12345600, "壹拾贰万叁仟肆佰伍拾陆圆整"), (10000000, "壹拾万圆整"), (123456700, "壹佰贰拾叁万肆仟伍佰陆拾柒圆整"),
      (100000000, "壹佰万圆整"), (1234567800, "壹仟贰佰叁拾肆万伍仟陆佰柒拾捌圆整"), (1000000000, "壹仟万圆整"),
      (12345678900, "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖圆整"), (10000000000, "壹亿圆整"),
      (123456789100, "壹拾贰亿叁仟肆佰伍拾陆万柒仟捌佰玖拾壹圆整"), (100000000000, "壹拾亿圆整"),
      (1234567891200, "壹佰贰拾叁亿肆仟伍佰陆拾柒万捌仟玖佰壹拾贰圆整"), (1000000000000, "壹佰亿圆整"),
      (12345678912300, "壹仟贰佰叁拾肆亿伍仟陆佰柒拾捌万玖仟壹佰贰拾叁圆整"), (10000000000000, "壹仟亿圆整"),
      (123456789123400, "壹万亿贰仟叁佰肆拾伍亿陆仟柒佰捌拾玖万壹仟贰佰叁拾肆圆整"), (100000000000000, "壹万亿圆整"),
      (1234567891234500, "壹拾贰万亿叁仟肆佰伍拾陆亿柒仟捌佰玖拾壹万贰仟叁佰肆拾伍圆整"), (1000000000000000, "壹拾万亿圆整"),
      (12345678912345600, "壹佰贰拾叁万亿肆仟伍佰陆拾柒亿捌仟玖佰壹拾贰万叁仟肆佰伍拾陆圆整"), (10000000000000000, "壹佰万亿圆整"),
      (123456789123456700, "壹仟贰佰叁拾肆万亿伍仟陆佰柒拾捌亿玖仟壹佰贰拾叁万肆仟伍佰陆拾柒圆整"), (100000000000000000, "壹仟万亿圆整"),
      (1234567891234567800, "壹亿亿贰仟叁佰肆拾伍万亿陆仟柒佰捌拾玖亿壹仟贰佰叁拾肆万伍仟陆佰柒拾捌圆整"),
      (1000000000000000000, "壹亿亿圆整"),
      (12345678912345678900, "壹拾贰亿亿叁仟肆佰伍拾陆万亿柒仟捌佰玖拾壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖圆整"),
      (10000000000000000000, "壹拾亿亿圆整"), (10000000910000000900, "壹拾亿亿零玖拾壹亿零玖圆整")]
for fen, text in CC:
    note = "peer input %d fen" % fen
    if "亿亿" in text:
        note += "; stacked 亿亿 = 10^16"
    R(s, text, Decimal(fen) / 100, note=note)

# ---------------------------------------------------------------- borax
s = "borax"
for text, v, note in (("壹亿元整", "100000000", "financial_amount_capital(100000000)"),
                      ("肆佰伍拾柒万捌仟肆佰肆拾贰元贰角叁分", "4578442.23", "financial_amount_capital(4578442.23)"),
                      ("贰佰叁拾肆元整", "234", "financial_amount_capital(234)"),
                      ("捌拾元零角贰分", "80.02", "financial_amount_capital(80.02); explicit 零角"),
                      ("肆元伍角零分", "4.5", "financial_amount_capital(Decimal(4.50)); explicit 零分"),
                      ("壹拾万柒仟元伍角叁分", "107000.53", "financial_amount_capital(Decimal('107000.53'))")):
    R(s, text, v, note="peer: " + note)

# ---------------------------------------------------------------- nzh toMoney
s = "nzh_data"
NZH = [
    ("人民币零元整", "0", "toMoney('0'|'00'|'000')"),
    ("人民币壹元整", "1", "toMoney('1'|'001')"),
    ("人民币壹拾元整", "10", "toMoney('010'|'0010')"),
    ("人民币壹拾贰元整", "12", "toMoney('12')"),
    ("人民币叁佰肆拾伍万陆仟柒佰捌拾玖元整", "3456789", "toMoney('3456789')"),
    ("人民币壹拾亿零壹佰万零贰拾壹元整", "1001000021", "toMoney('1001000021')"),
    ("人民币壹万万亿元整", "10000000000000000", "toMoney('10000000000000000'); 万万亿 = 10^16"),
    ("人民币壹拾万万零壹拾壹亿元整", "100000001100000000", "toMoney('100000001100000000'); 万万 = 10^8 stacked before 亿"),
    ("人民币零元", "0", "toMoney('0.0'|'0.001') (sub-fen dropped)"),
    ("人民币壹元", "1", "toMoney('1.0'|'1.00'); no 整 after a decimal input"),
    ("人民币壹角", "0.1", "toMoney('0.1'|'00.1'|'100e-3')"),
    ("人民币壹元壹角", "1.1", "toMoney('01.1'|'1.10')"),
    ("人民币壹拾元零壹分", "10.01", "toMoney('10.01'|'10.012')"),
    ("人民币壹拾万零壹佰壹拾壹元壹角壹分", "100111.11", "toMoney('100111.11')"),
    ("人民币壹仟零壹拾元整", "1010", "toMoney('1.01e+3'|'1.01e3'|'1.01E3')"),
    ("人民币壹拾元零角零分", "10", "toMoney('10', complete)"),
    ("人民币零元零角零分", "0", "toMoney('0', complete)"),
    ("人民币零元壹角零分", "0.1", "toMoney('0.1', complete)"),
    ("人民币零元零角壹分", "0.01", "toMoney('0.01', complete)"),
    ("壹元整", "1", "toMoney('1', outSymbol false)"),
    ("¥壹元正", "1", "custom lang toMoney('1'); 正 instead of 整, ¥ prefix"),
    ("¥壹元贰角叁分肆厘", "1.234", "custom lang toMoney('1.234'); 厘 = 0.001元"),
    ("¥壹拾元零角零分零厘", "10", "custom lang toMoney('10', complete)"),
    ("¥零元零角零分零厘", "0", "custom lang toMoney('0', complete)"),
    ("¥零元壹角零分零厘", "0.1", "custom lang toMoney('0.1', complete)"),
    ("¥零元零角壹分壹厘", "0.011", "custom lang toMoney('0.011', complete)"),
]
for text, v, note in NZH:
    R(s, text, v, note="peer: " + note)
s = "nzh_other"
R(s, "人民币壹元正", "1", note="peer: custom toMoney('1') '改整为正'")
R(s, "人民币壹元贰角叁分肆厘", "1.234", note="peer: custom toMoney('1.234') '增加单位厘'")


# ---------------------------------------------------------------- write
def fmt(d):
    d = Decimal(d)
    if d == 0:
        return "0"
    s = format(d, "f")
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def yi(x):
    return fmt(Decimal(x) / Decimal(100000000))


def main():
    header = ["source_repo", "source_path", "license", "input", "expected_value_yi", "expected_value_max_yi",
              "expected_currency", "expected_approx", "note"]
    with open(os.path.join(HERE, "cases.tsv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(header)
        for src, text, lo, hi, cur, approx, note in ROWS:
            repo, path, lic = SRC[src]
            assert "\t" not in text and "\n" not in text
            w.writerow([repo, path, lic, text, yi(lo), "" if hi is None else yi(hi), cur, approx, note])
    with open(os.path.join(HERE, "negatives.tsv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(["source_repo", "source_path", "license", "input", "note"])
        for src, text, note in NEGATIVES:
            repo, path, lic = SRC[src]
            w.writerow([repo, path, lic, text, note])
    counts = {}
    for r in ROWS:
        counts[r[0]] = counts.get(r[0], 0) + 1
    for k, v in counts.items():
        print("%-20s %4d" % (k, v))
    print("total cases", len(ROWS), "negatives", len(NEGATIVES))


if __name__ == "__main__":
    main()
