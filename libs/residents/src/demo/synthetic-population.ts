/**
 * A reproducible synthetic population in the register-extract format (the import's columns):
 * the same seed and size give the same file. The mix leans on national figures (domain reference
 * §8) tilted toward a manufacturing city like Hamamatsu: many Brazilians, Filipinos and
 * Vietnamese; Korean special permanent residents with common names (通称); katakana readings for
 * most; middle names for Filipino and Brazilian residents.
 */
import { csvCell } from '@app/platform';
import { IMPORT_COLUMNS, type ImportColumn } from '../import/import-row.js';

type Name = [latin: string, kana: string];

interface Origin {
  code: string;
  weight: number;
  families: Name[];
  givens: Name[];
  middles?: Name[];
  /** [status code, subtype, weight] for adults */
  statuses: Array<[string, string | null, number]>;
  language: string;
  kanji?: (family: string, given: string) => string | null;
}

const ORIGINS: Origin[] = [
  {
    code: 'BR',
    weight: 30,
    families: [
      ['SILVA', 'シルバ'],
      ['SANTOS', 'サントス'],
      ['OLIVEIRA', 'オリベイラ'],
      ['SOUZA', 'ソウザ'],
      ['PEREIRA', 'ペレイラ'],
      ['COSTA', 'コスタ'],
      ['NAKAMURA', 'ナカムラ'],
      ['YAMASHITA', 'ヤマシタ'],
    ],
    givens: [
      ['ANA', 'アナ'],
      ['LUCAS', 'ルーカス'],
      ['GABRIEL', 'ガブリエル'],
      ['JULIA', 'ジュリア'],
      ['RAFAEL', 'ハファエル'],
      ['MARIANA', 'マリアナ'],
      ['BRUNO', 'ブルーノ'],
      ['FERNANDA', 'フェルナンダ'],
    ],
    middles: [
      ['DE SOUZA', 'デ ソウザ'],
      ['DOS SANTOS', 'ドス サントス'],
      ['DA SILVA', 'ダ シルバ'],
    ],
    statuses: [
      ['LONG_TERM', null, 40],
      ['PERMANENT', null, 40],
      ['SPOUSE_JP', null, 15],
      ['SPOUSE_PR', null, 5],
    ],
    language: 'pt',
  },
  {
    code: 'PH',
    weight: 18,
    families: [
      ['REYES', 'レイエス'],
      ['CRUZ', 'クルス'],
      ['BAUTISTA', 'バウティスタ'],
      ['GARCIA', 'ガルシア'],
      ['MENDOZA', 'メンドーサ'],
      ['SANTOS', 'サントス'],
    ],
    givens: [
      ['MARIA', 'マリア'],
      ['JOSE', 'ホセ'],
      ['ANGELICA', 'アンジェリカ'],
      ['MARK', 'マーク'],
      ['JOY', 'ジョイ'],
      ['RICARDO', 'リカルド'],
    ],
    middles: [
      ['DELA CRUZ', 'デラ クルス'],
      ['SANTOS', 'サントス'],
      ['RAMOS', 'ラモス'],
    ],
    statuses: [
      ['PERMANENT', null, 35],
      ['SPOUSE_JP', null, 20],
      ['LONG_TERM', null, 15],
      ['SSW_1', null, 15],
      ['TITP_2', 'RO', 15],
    ],
    language: 'tl',
  },
  {
    code: 'VN',
    weight: 17,
    families: [
      ['NGUYEN', 'グエン'],
      ['TRAN', 'チャン'],
      ['LE', 'レ'],
      ['PHAM', 'ファム'],
      ['HOANG', 'ホアン'],
      ['VU', 'ヴ'],
    ],
    givens: [
      ['VAN AN', 'ヴァン アン'],
      ['THI HOA', 'ティ ホア'],
      ['DUC MINH', 'ドゥック ミン'],
      ['THI LAN', 'ティ ラン'],
      ['QUANG HUY', 'クアン フイ'],
      ['THU TRANG', 'トゥ チャン'],
    ],
    statuses: [
      ['TITP_1', 'RO', 15],
      ['TITP_2', 'RO', 25],
      ['TITP_3', 'RO', 5],
      ['SSW_1', null, 25],
      ['ENGINEER_HUMANITIES', null, 15],
      ['STUDENT', null, 10],
      ['DEPENDENT', null, 5],
    ],
    language: 'vi',
  },
  {
    code: 'CN',
    weight: 10,
    families: [
      ['WANG', 'ワン'],
      ['LI', 'リー'],
      ['ZHANG', 'チャン'],
      ['LIU', 'リュウ'],
      ['CHEN', 'チェン'],
    ],
    givens: [
      ['FANG', 'ファン'],
      ['WEI', 'ウェイ'],
      ['JING', 'ジン'],
      ['HAO', 'ハオ'],
      ['MEI', 'メイ'],
    ],
    statuses: [
      ['PERMANENT', null, 40],
      ['ENGINEER_HUMANITIES', null, 25],
      ['STUDENT', null, 15],
      ['DEPENDENT', null, 10],
      ['SPOUSE_JP', null, 10],
    ],
    language: 'zh',
    kanji: (family, given) =>
      `${({ WANG: '王', LI: '李', ZHANG: '張', LIU: '劉', CHEN: '陳' } as Record<string, string>)[family] ?? ''}${({ FANG: '芳', WEI: '偉', JING: '静', HAO: '浩', MEI: '美' } as Record<string, string>)[given] ?? ''}`,
  },
  {
    code: 'ID',
    weight: 6,
    families: [
      ['SETIAWAN', 'セティアワン'],
      ['SARI', 'サリ'],
      ['PRATAMA', 'プラタマ'],
      ['WIJAYA', 'ウィジャヤ'],
    ],
    givens: [
      ['BUDI', 'ブディ'],
      ['DEWI', 'デウィ'],
      ['AGUS', 'アグス'],
      ['PUTRI', 'プトゥリ'],
    ],
    statuses: [
      ['TITP_2', 'RO', 50],
      ['SSW_1', null, 40],
      ['ENGINEER_HUMANITIES', null, 10],
    ],
    language: 'id',
  },
  {
    code: 'PE',
    weight: 5,
    families: [
      ['QUISPE', 'キスペ'],
      ['FLORES', 'フローレス'],
      ['RAMIREZ', 'ラミレス'],
      ['HIGA', 'ヒガ'],
    ],
    givens: [
      ['CARLOS', 'カルロス'],
      ['ROSA', 'ロサ'],
      ['JUAN', 'フアン'],
      ['CARMEN', 'カルメン'],
    ],
    statuses: [
      ['LONG_TERM', null, 40],
      ['PERMANENT', null, 60],
    ],
    language: 'es',
  },
  {
    code: 'KR',
    weight: 4,
    families: [
      ['KIM', 'キム'],
      ['LEE', 'イ'],
      ['PARK', 'パク'],
      ['CHOI', 'チェ'],
    ],
    givens: [
      ['MINJUN', 'ミンジュン'],
      ['SEOYEON', 'ソヨン'],
      ['JIHO', 'ジホ'],
      ['YUNA', 'ユナ'],
    ],
    statuses: [
      ['SPECIAL_PERMANENT', null, 50],
      ['PERMANENT', null, 30],
      ['ENGINEER_HUMANITIES', null, 20],
    ],
    language: 'ko',
    kanji: (family) => (({ KIM: '金', LEE: '李', PARK: '朴', CHOI: '崔' }) as Record<string, string>)[family] ?? null,
  },
  {
    code: 'NP',
    weight: 4,
    families: [
      ['THAPA', 'タパ'],
      ['GURUNG', 'グルン'],
      ['SHRESTHA', 'シュレスタ'],
      ['RAI', 'ライ'],
    ],
    givens: [
      ['BIKASH', 'ビカス'],
      ['SITA', 'シタ'],
      ['RAM', 'ラム'],
      ['ANITA', 'アニタ'],
    ],
    statuses: [
      ['STUDENT', null, 40],
      ['DEPENDENT', null, 25],
      ['SKILLED_LABOR', null, 20],
      ['ENGINEER_HUMANITIES', null, 15],
    ],
    language: 'ne',
  },
  {
    code: 'TH',
    weight: 6,
    families: [
      ['SRISAI', 'シーサイ'],
      ['WONGSA', 'ウォンサ'],
      ['CHAIYA', 'チャイヤ'],
    ],
    givens: [
      ['SOMCHAI', 'ソムチャイ'],
      ['MALEE', 'マリー'],
      ['ANAN', 'アナン'],
    ],
    statuses: [
      ['SPOUSE_JP', null, 40],
      ['PERMANENT', null, 30],
      ['TITP_2', 'RO', 30],
    ],
    language: 'th',
  },
];

const COMMON_NAMES: Name[] = [
  ['山田', 'ヤマダ'],
  ['金本', 'カネモト'],
  ['新井', 'アライ'],
  ['松本', 'マツモト'],
];

/** mulberry32: small, fast, and the same numbers on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)];
}

function weighted<T>(next: () => number, items: ReadonlyArray<[T, number]>): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = next() * total;
  for (const [item, weight] of items) {
    roll -= weight;
    if (roll < 0) return item;
  }
  return items[items.length - 1][0];
}

function date(next: () => number, fromYear: number, toYear: number): string {
  const year = fromYear + Math.floor(next() * (toYear - fromYear + 1));
  const month = 1 + Math.floor(next() * 12);
  const day = 1 + Math.floor(next() * 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Yields the CSV line by line (header first), so a million rows never sit in memory. */
export function* syntheticPopulation(size: number, seed = 2026): Generator<string> {
  const next = random(seed);
  yield IMPORT_COLUMNS.filter((column) => column !== 'event').join(',');
  let made = 0;
  let household = 0;
  while (made < size) {
    household += 1;
    const origin = weighted(
      next,
      ORIGINS.map((o) => [o, o.weight] as [Origin, number]),
    );
    const family = pick(next, origin.families);
    const members = Math.min(
      size - made,
      weighted(next, [
        [1, 45],
        [2, 25],
        [3, 15],
        [4, 12],
        [5, 3],
      ]),
    );
    const [statusCode, subtype] = weighted(
      next,
      origin.statuses.map(([code, sub, w]) => [[code, sub], w] as [[string, string | null], number]),
    );
    const special = statusCode === 'SPECIAL_PERMANENT';
    for (let member = 0; member < members; member++) {
      made += 1;
      const child = member >= 2;
      const given = pick(next, origin.givens);
      const middle = origin.middles && next() < 0.6 ? pick(next, origin.middles) : null;
      const common = origin.code === 'KR' && next() < 0.5 ? pick(next, COMMON_NAMES) : null;
      const row: Partial<Record<ImportColumn, string>> = {
        resident_key: `D${String(made).padStart(9, '0')}`,
        family_name: family[0],
        given_name: given[0],
        middle_name: middle?.[0] ?? '',
        kanji_name: origin.kanji?.(family[0], given[0]) ?? '',
        common_name: common?.[0] ?? '',
        common_name_kana: common?.[1] ?? '',
        kana_name: next() < 0.85 ? [family[1], given[1], middle?.[1]].filter(Boolean).join(' ') : '',
        birth_date: child ? date(next, 2008, 2024) : date(next, 1950, 2004),
        sex: next() < 0.5 ? 'M' : 'F',
        nationality: origin.code,
        registry_category: special ? 'SPECIAL_PERMANENT' : 'MID_LONG_TERM',
        status_code: child && !special ? (statusCode === 'PERMANENT' ? 'PERMANENT' : 'DEPENDENT') : statusCode,
        status_subtype: child ? '' : (subtype ?? ''),
        stay_period:
          special || statusCode === 'PERMANENT'
            ? ''
            : weighted(next, [
                ['1y', 30],
                ['3y', 50],
                ['5y', 20],
              ]),
        stay_expiry_date: special || statusCode === 'PERMANENT' ? '' : date(next, 2026, 2030),
        residence_card_number: special
          ? ''
          : `${String.fromCharCode(65 + (made % 26))}${String.fromCharCode(65 + ((made * 7) % 26))}${String(made).padStart(8, '0')}${'AB'}`,
        postal_code: `43${Math.floor(next() * 10)}-${String(Math.floor(next() * 10_000)).padStart(4, '0')}`,
        address: `浜松市中央区${1 + Math.floor(next() * 9)}丁目${1 + Math.floor(next() * 30)}-${1 + Math.floor(next() * 20)}`,
        household_key: `DH${String(household).padStart(8, '0')}`,
        household_head: member === 0 ? 'Y' : 'N',
        moved_in_on: date(next, 2005, 2026),
        moved_out_on: '',
        preferred_language: origin.language,
        communication_level: weighted(next, [
          ['JA', 30],
          ['EASY_JA', 45],
          ['INTERPRETER_NEEDED', 25],
        ]),
      };
      yield IMPORT_COLUMNS.filter((column) => column !== 'event')
        .map((column) => csvCell(row[column] ?? ''))
        .join(',');
    }
  }
}
