import { ResidentImportService } from '@app/residents';
import iconv from 'iconv-lite';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCity, DEMO, seedDemo } from './factories/identity.js';
import { login } from './support/http.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const HEADER =
  'resident_key,family_name,given_name,middle_name,kanji_name,kana_name,birth_date,sex,nationality,status_code,status_subtype,stay_expiry_date,household_key,household_head,hobby';
const ROWS = [
  'R001,NGUYEN,VAN AN,,阮文安,グエン ヴァン アン,1996-02-14,M,VN,TITP_2,RO,2027-01-15,H1,Y,chess',
  'R002,NGUYEN,THI HOA,,,グエン ティ ホア,1997-03-01,F,VN,DEPENDENT,,2027-03-01,H1,N,',
  'R003,SILVA,ANA,,,シルバ アナ,1990-13-40,F,BR,LONG_TERM,,2028-05-09,,,', // bad date
  'R004,SANTOS,LUCAS,,,サントス ルーカス,2016-06-01,M,BR,LONG_TERM,,2028-05-09,H2,N,',
  'R005,REYES,MARIA,CRUZ,,レジェス マリア,1985-01-01,F,PH,ASTRONAUT,,2029-01-01,,,', // unknown status
  'R006,KIM,MINJUN,,金民俊,キム ミンジュン,1979-11-11,M,KR,SPECIAL_PERMANENT,,,,,',
  ',TRAN,DUC,,,チャン ドゥック,1993-07-07,M,VN,SSW_1,,2028-07-07,,,', // missing key
  'R008,OLIVEIRA,PEDRO,,,オリベイラ ペドロ,1988-08-08,M,BR,SPOUSE_JP,,2027-08-08,H2,Y,',
  'R009,WANG,FANG,,王芳,ワン ファン,1992-09-09,F,CN,ENGINEER_HUMANITIES,,2027-09-09,,,',
  'R010,THAPA,BIKASH,,,タパ ビカス,1995-10-10,M,NP,STUDENT,,2026-12-31,,,',
];
const CSV = `${HEADER}\n${ROWS.join('\n')}\n`;

describe('resident import', () => {
  let t: TestApp;
  let importer: ResidentImportService;
  let dir: string;

  const importFile = async (municipalityCode: string, content: Buffer | string, name = 'extract.csv') => {
    const path = join(dir, `${Date.now()}-${Math.random()}-${name}`);
    await writeFile(path, content);
    const id = await importer.createRun({
      municipalityCode,
      fileName: name,
      filePath: path,
      orgId: null,
      userId: null,
    });
    return { id, counts: await importer.run(id), errors: await importer.errors(id) };
  };

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t);
    importer = t.app.get(ResidentImportService);
    dir = await mkdtemp(join(tmpdir(), 'kyosei-import-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await t.close();
  });

  it('imports 7 of 10 rows and reports the 3 bad ones with line numbers and reasons', async () => {
    const { id, counts, errors } = await importFile('221309', CSV);
    expect(counts).toMatchObject({ processedRows: 10, insertedRows: 7, updatedRows: 0, failedRows: 3 });
    expect(errors.map((error) => [error.line, error.field])).toEqual([
      [4, 'birth_date'],
      [6, 'status_code'],
      [8, 'resident_key'],
    ]);
    const [run] = await t.dataSource.query(`SELECT status, encoding, unknown_columns FROM import_run WHERE id = $1`, [
      id,
    ]);
    expect(run).toEqual({ status: 'DONE', encoding: 'UTF-8', unknown_columns: ['hobby'] });
    const [audit] = await t.dataSource.query(
      `SELECT diff FROM audit_event WHERE action = 'import.finish' AND entity_id = $1`,
      [id],
    );
    expect(audit.diff).toMatchObject({ insertedRows: 7, failedRows: 3 });

    // The imported people are searchable, in households, with their status history.
    const caseworker = await login(t.http, DEMO.caseworker);
    const found = await caseworker.get(`/api/v1/residents?q=${encodeURIComponent('ｸﾞｴﾝ ｳﾞｧﾝ ｱﾝ')}`).expect(200);
    expect(found.body.items[0]).toMatchObject({ residentKey: 'R001', kanjiName: '阮文安' });
    const household = await caseworker.get(`/api/v1/households/${found.body.items[0].householdId}`).expect(200);
    expect(household.body.members).toHaveLength(2);
    expect(household.body.headResidentId).toBe(found.body.items[0].id);
    const history = await caseworker.get(`/api/v1/residents/${found.body.items[0].id}/status-history`).expect(200);
    expect(history.body.items).toEqual([expect.objectContaining({ statusCode: 'TITP_2', source: 'IMPORT' })]);
  });

  it('changes nothing when the same file comes again', async () => {
    const { counts } = await importFile('221309', CSV);
    expect(counts).toMatchObject({ insertedRows: 0, updatedRows: 0, unchangedRows: 7, failedRows: 3 });
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM resident WHERE municipality_code = '221309'`,
    );
    expect(count).toBe(7);
  });

  it('restores from the next extract a register field that was changed in between, and only that row', async () => {
    const caseworker = await login(t.http, DEMO.caseworker);
    const [wang] = await t.dataSource.query(
      `SELECT id, version FROM resident WHERE municipality_code = '221309' AND resident_key = 'R009'`,
    );
    await caseworker
      .patch(`/api/v1/residents/${wang.id}`, { familyName: 'WONG' })
      .set('if-match', `"${wang.version}"`)
      .expect(200);
    const { counts } = await importFile('221309', CSV);
    expect(counts).toMatchObject({ insertedRows: 0, updatedRows: 1, unchangedRows: 6, failedRows: 3 });
    const [after] = await t.dataSource.query(`SELECT family_name FROM resident WHERE id = $1`, [wang.id]);
    expect(after.family_name).toBe('WANG');
    const again = await importFile('221309', CSV);
    expect(again.counts).toMatchObject({ insertedRows: 0, updatedRows: 0, unchangedRows: 7, failedRows: 3 });
  });

  it('reads the same file saved in Shift_JIS (CP932) with the same result', async () => {
    await createCity(t, '222119', '磐田市');
    const { id, counts, errors } = await importFile('222119', iconv.encode(CSV, 'cp932'));
    expect(counts).toMatchObject({ insertedRows: 7, failedRows: 3 });
    expect(errors.map((error) => error.line)).toEqual([4, 6, 8]);
    const [run] = await t.dataSource.query(`SELECT encoding FROM import_run WHERE id = $1`, [id]);
    expect(run.encoding).toBe('CP932');
    const [kim] = await t.dataSource.query(
      `SELECT kanji_name, kana_name FROM resident WHERE municipality_code = '222119' AND resident_key = 'R006'`,
    );
    expect(kim).toEqual({ kanji_name: '金民俊', kana_name: 'キム ミンジュン' });
  });

  it('ends a residence on MOVED_OUT without deleting the person or their history', async () => {
    const moved = `resident_key,family_name,given_name,birth_date,sex,nationality,status_code,event,moved_out_on
R010,THAPA,BIKASH,1995-10-10,M,NP,STUDENT,MOVED_OUT,2026-11-30
`;
    const { counts } = await importFile('221309', moved);
    expect(counts).toMatchObject({ updatedRows: 1, failedRows: 0 });
    const [row] = await t.dataSource.query(
      `SELECT moved_out_on, (SELECT count(*)::int FROM status_history h WHERE h.resident_id = r.id) AS history
         FROM resident r WHERE municipality_code = '221309' AND resident_key = 'R010'`,
    );
    expect(row).toEqual({ moved_out_on: '2026-11-30', history: 1 });
  });

  it('resumes an interrupted run from its last committed slice, without duplicates', async () => {
    await createCity(t, '222216', '湖西市');
    const path = join(dir, 'interrupted.csv');
    await writeFile(path, CSV);
    const id = await importer.createRun({
      municipalityCode: '222216',
      fileName: 'interrupted.csv',
      filePath: path,
      orgId: null,
      userId: null,
    });
    importer.sliceSize = 3;
    try {
      let batches = 0;
      await expect(
        importer.run(id, async () => {
          batches += 1;
          if (batches === 2) throw new Error('worker killed');
        }),
      ).rejects.toThrow('worker killed');
      const [partial] = await t.dataSource.query(`SELECT processed_rows FROM import_run WHERE id = $1`, [id]);
      expect(partial.processed_rows).toBe(6);
      const counts = await importer.run(id);
      expect(counts).toMatchObject({ processedRows: 10, insertedRows: 7, failedRows: 3 });
    } finally {
      importer.sliceSize = 50_000;
    }
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM resident WHERE municipality_code = '222216'`,
    );
    expect(count).toBe(7);
    const errors = await importer.errors(id);
    expect(errors).toHaveLength(3);
  });

  it('rejects a resident_key given again in one file, keeping the first line, whether or not the lines are known', async () => {
    // Another city's register, so that the counts of the other tests stay as they are.
    const first = [
      'D001,DUP,FIRST,,,,1990-01-01,F,VN,LONG_TERM,,2028-01-01,,,',
      'D002,OTHER,PERSON,,,,1991-01-01,M,VN,LONG_TERM,,2028-01-01,,,',
      'D001,DUP,SECOND,,,,1990-01-01,F,VN,LONG_TERM,,2028-01-01,,,',
    ];
    const once = await importFile('232017', `${HEADER}\n${first.join('\n')}\n`);
    expect(once.counts).toMatchObject({ insertedRows: 2, failedRows: 1 });
    expect(once.errors).toEqual([{ line: 4, field: 'resident_key', reason: 'same resident_key as line 2' }]);

    // Next night the first line of D001 changed and the line imported last time comes after it:
    // the new first line counts, the known one is the repeat.
    const changed = 'D001,DUP,CHANGED,,,,1990-01-01,F,VN,LONG_TERM,,2028-01-01,,,';
    const again = await importFile('232017', `${HEADER}\n${[changed, first[1], first[0]].join('\n')}\n`);
    expect(again.counts).toMatchObject({ insertedRows: 0, updatedRows: 1, unchangedRows: 1, failedRows: 1 });
    expect(again.errors).toEqual([{ line: 4, field: 'resident_key', reason: 'same resident_key as line 2' }]);
    const [resident] = await t.dataSource.query(
      `SELECT given_name FROM resident WHERE municipality_code = '232017' AND resident_key = 'D001'`,
    );
    expect(resident.given_name).toBe('CHANGED');
  });

  it('refuses a file without the required columns, saying which', async () => {
    const path = join(dir, 'bad-header.csv');
    await writeFile(path, 'key,name\n1,A\n');
    const id = await importer.createRun({
      municipalityCode: '221309',
      fileName: 'bad-header.csv',
      filePath: path,
      orgId: null,
      userId: null,
    });
    await expect(importer.run(id)).rejects.toThrow(/required columns missing: resident_key, family_name/);
    const [run] = await t.dataSource.query(`SELECT status, failure FROM import_run WHERE id = $1`, [id]);
    expect(run.status).toBe('FAILED');
    // A staging table left by a run that ended is dropped by the next import.
    const stage = `import_stage_${id.replace(/-/g, '')}`;
    await t.dataSource.query(`CREATE UNLOGGED TABLE ${stage} (seq int)`);
    await importFile('221309', CSV);
    const [{ left }] = await t.dataSource.query(`SELECT count(*)::int AS left FROM pg_class WHERE relname = $1`, [
      stage,
    ]);
    expect(left).toBe(0);
  });

  it('exports the residents in the import format; importing the export changes nothing', async () => {
    const caseworker = await login(t.http, DEMO.caseworker);
    const exported = await caseworker.get('/api/v1/exports/residents').expect(200);
    expect(exported.headers['content-type']).toMatch(/text\/csv/);
    const lines = exported.text.trim().split('\n');
    expect(lines[0].startsWith('resident_key,family_name,given_name')).toBe(true);
    expect(lines.length - 1).toBe(7);
    expect(exported.text).toContain('R001,NGUYEN,VAN AN,,阮文安');
    // Card numbers are kept hashed, so the export leaves them out; the import then keeps the hash.
    const { counts } = await importFile(
      '221309',
      exported.text.replace(/^([^\n]*)residence_card_number,/, '$1ignored_card,'),
    );
    expect(counts).toMatchObject({ insertedRows: 0, updatedRows: 0, unchangedRows: 7, failedRows: 0 });
    const foreign = await caseworker.get('/api/v1/exports/residents?municipality=131016');
    expect(foreign.status).toBe(400);
  });
});
