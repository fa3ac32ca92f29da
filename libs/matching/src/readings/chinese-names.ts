// Japanese (on'yomi) readings of Chinese names. Offices often write a Chinese resident's name with
// the Japanese reading of its kanji (王 オウ, 張 チョウ), and the alphabet name only tells us the
// pinyin, so each syllable lists the readings of the characters most used in names: surnames first.
import { readingTable } from './reading-table.js';

export const ONYOMI = readingTable(`
  WANG=オウ LI=リ/レイ/リキ ZHANG=チョウ/ショウ LIU=リュウ CHEN=チン YANG=ヨウ HUANG=コウ/オウ
  ZHAO=チョウ WU=ゴ/ブ ZHOU=シュウ XU=ジョ/キョ/キョク SUN=ソン MA=バ/マ ZHU=シュ/シュク HU=コ
  GUO=カク/コク HE=カ/ガ LIN=リン LUO=ラ GAO=コウ ZHENG=テイ LIANG=リョウ XIE=シャ SONG=ソウ
  TANG=トウ HAN=カン FENG=フウ/ホウ/ヒョウ DENG=トウ CAO=ソウ PENG=ホウ ZENG=ソウ XIAO=ショウ/ギョウ
  TIAN=デン/テン DONG=トウ YUAN=エン/ゲン PAN=ハン YU=ウ/ヨ/ユ/ギョク JIANG=コウ/ショウ/キョウ
  CAI=サイ DU=ト YE=ヨウ CHENG=テイ/セイ SU=ソ WEI=ギ/イ/エイ LU=ロ/リョ/リク DING=テイ REN=ニン/ジン
  SHEN=シン/チン YAO=ヨウ CUI=サイ ZHONG=ショウ/チュウ TAN=タン FAN=ハン JIN=キン SHI=セキ/シ
  LIAO=リョウ JIA=カ XIA=カ FU=フ FANG=ホウ BAI=ハク ZOU=スウ MENG=モウ XIONG=ユウ QIN=シン/キン
  QIU=キュウ YIN=イン XUE=セツ YAN=エン/ガン/ゲン DUAN=ダン LEI=ライ HOU=コウ LONG=リュウ/リョウ
  TAO=トウ GU=コ MAO=モウ HAO=カク/コウ/ゴウ GONG=キョウ SHAO=ショウ WAN=マン/バン QIAN=セン
  DAI=タイ MO=バク KONG=コウ XIANG=コウ/ショウ CHANG=ジョウ/チョウ KANG=コウ LAI=ライ WEN=ブン/オン
  HONG=コウ NIU=ギュウ BAO=ホウ QI=セイ/キ GE=カツ NI=ゲイ JI=キ QU=キョク AN=アン GUAN=カン
  ZHAN=セン MIAO=ビョウ GENG=コウ ZHAI=テキ XING=ケイ LING=リョウ/レイ RUAN=ゲン PANG=ホウ
  CHE=シャ MEI=バイ/ビ BI=ヒツ OUYANG=オウヨウ SIMA=シバ ZHUGE=ショカツ SHANGGUAN=ジョウカン SITU=シト
  MIN=ビン/ミン JUN=グン/シュン/クン JIE=ケツ NA=ナ JING=セイ/ケイ/キョウ YING=エイ HUA=カ PING=ヘイ
  GANG=ゴウ/コウ QIANG=キョウ YONG=ユウ/エイ MING=メイ CHAO=チョウ HUI=キ/ケイ/エ XIN=キン/シン
  JIAN=ケン BIN=ヒン BO=ハク/ハ FEI=ヒ YUN=ウン/ゲイ QING=セイ HAI=カイ HUAN=カン KAI=ガイ XIU=シュウ
  YI=イ/イチ/キ DAN=タン TING=テイ ZHI=シ/チ NING=ネイ LAN=ラン CHUN=シュン RUI=ズイ/エイ
  ZHEN=シン/チン/テイ JUAN=ケン PEI=ハイ SHU=シュク/ショ SHUANG=ソウ KUN=コン ZE=タク YUE=ゲツ/エツ
  SHAN=サン/ゼン XUAN=ケン/セン QIAO=キョウ ZI=シ NAN=ナン SHENG=セイ/ショウ DE=トク GUANG=コウ
  GUI=キ KE=カ/コク RONG=エイ/ヨウ XI=キ/セキ CHUAN=セン JIAO=キョウ MAN=マン OU=オウ SI=シ
  TONG=トウ/ドウ ZHUANG=ソウ ZHE=テツ BING=ヘイ/ヒョウ DA=ダイ/タツ LE=ラク PU=ボク/フ RU=ジョ
  TAI=タイ LYU,LV=リョ/ロ
`);

// Common surnames as written in Taiwan (Wade-Giles) and Hong Kong (Cantonese): the Mandarin-style
// or Cantonese-style reading first, then the on'yomi of the usual character.
export const TAIWAN = readingTable(`
  CHANG=チャン/チョウ/ジャン CHEN=チェン/チン LIN=リン HUANG=ホアン/コウ WANG=ワン/オウ WU=ウー/ゴ
  LIU=リウ/リュウ TSAI=ツァイ/サイ YANG=ヤン/ヨウ HSU=シュー/キョ/ジョ CHENG=チェン/テイ/チョン
  HSIEH=シエ/シャ KUO=クオ/カク HUNG=ホン/コウ CHIU=チウ/キュウ TSENG=ツェン/ソウ LIAO=リャオ/リョウ
  LAI=ライ CHOU=チョウ/シュウ YEH=イエ/ヨウ SU=スー/ソ CHUANG=チュアン/ソウ LU=ルー/ロ/リョ
  CHIANG=チアン/ジャン/ショウ/コウ HO=ホー/カ KAO=カオ/コウ CHUNG=チョン/ショウ PENG=ポン/ホウ
  TSAO=ツァオ/ソウ CHIEN=チエン/セン TU=トゥー/ト YEN=イエン/エン/ガン HSIAO=シャオ/ショウ FAN=ファン/ハン
  KO=コー/カ SHIH=シー/セキ/シ TING=ティン/テイ CHU=チュー/シュ PAN=パン/ハン TANG=タン/トウ
  CHI=チー/キ HSIA=シア/カ FU=フー/フ LO=ロー/ラ YU=ユー/ユ/ウ KANG=カン/コウ TSOU=ツォウ/スウ
  HSIUNG=ション/ユウ WEI=ウェイ/ギ TENG=テン/トウ TIEN=ティエン/デン
`);

export const HONG_KONG = readingTable(`
  CHAN=チャン/チン WONG=ウォン/オウ/コウ LEUNG=リョン/リョウ CHEUNG=チョン/チョウ LAU=ラウ/リュウ
  LEE=リー/リ HO=ホー/カ NG=ン/ゴ TANG=タン/トウ CHOW=チョウ/シュウ TSANG=ツァン/ソウ YIP=イップ/ヨウ
  CHU=チュー/シュ LAM=ラム/リン LAI=ライ FUNG=フォン/フウ KWOK=クォック/カク MAK=マック/バク
  YEUNG=ヨン/ヨウ TSE=ツェ/シャ CHOI=チョイ/サイ LO=ロー/ラ SIU=シウ/ショウ POON=プーン/ハン
  KWAN=クワン/カン TAM=タム/タン YUEN=ユン/エン LUI=ルイ/リョ KONG=コン/コウ CHENG=チェン/テイ
  CHIU=チウ/チョウ SZE=シー/シ TO=トー/ト CHING=チン/テイ MA=マー/バ AU=アウ/オウ KO=コー/コウ
  HUI=ホイ/キョ YAU=ヤウ/キュウ WAN=ワン/イン KWONG=クォン/コウ TAI=タイ SHUM=シャム/シン
`);

// Mandarin-style renderings that Japanese media fixed and the rules would not give first.
export const MANDARIN = readingTable(`
  ZHANG=チャン ZHAO=チャオ ZHOU=チョウ ZHU=チュー ZHENG=チェン/ジェン XU=シュー LI=リー WANG=ワン
  HUANG=ホアン YANG=ヤン LIU=リウ/リュウ CHEN=チェン WU=ウー SUN=スン/ソン MA=マー HU=フー
  GUO=グオ/クオ HE=ホー/ハー LUO=ルオ LIANG=リャン XIE=シエ/シェ SONG=ソン DENG=ドン/トン/テン
  ZENG=ゾン/ツォン XIAO=シャオ YE=イエ ZHONG=チョン/ジョン YUAN=ユアン CAI=ツァイ/サイ CAO=ツァオ
  CUI=ツイ LYU,LV=リュイ/ルー
`);
