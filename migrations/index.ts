import { Foundation1764400000000 } from './1764400000000-foundation.js';
import { ResidentRegistry1764500000000 } from './1764500000000-resident-registry.js';
import { ResidentImport1764600000000 } from './1764600000000-resident-import.js';
import { ResidentNameKnn1764700000000 } from './1764700000000-resident-name-knn.js';
import { NameTokensAndStagedImport1764800000000 } from './1764800000000-name-tokens-and-staged-import.js';
import { ImportLineHash1764900000000 } from './1764900000000-import-line-hash.js';
import { Matching1765000000000 } from './1765000000000-matching.js';
import { CoveragePeriods1765100000000 } from './1765100000000-coverage-periods.js';
import { CoverageGaps1765200000000 } from './1765200000000-coverage-gaps.js';
import { PensionRelief1765300000000 } from './1765300000000-pension-relief.js';
import { CoverageImports1765400000000 } from './1765400000000-coverage-imports.js';
import { ResidentInsuranceFacts1765500000000 } from './1765500000000-resident-insurance-facts.js';
import { Employment1765600000000 } from './1765600000000-employment.js';
import { Counseling1765700000000 } from './1765700000000-counseling.js';
import { Students1765800000000 } from './1765800000000-students.js';
import { Credentials1765900000000 } from './1765900000000-credentials.js';
import { NameWordPairs1766000000000 } from './1766000000000-name-word-pairs.js';
import { LanguageCourses1766100000000 } from './1766100000000-language-courses.js';
import { Orientation1766200000000 } from './1766200000000-orientation.js';
import { Cases1766300000000 } from './1766300000000-cases.js';
import { Alerts1766400000000 } from './1766400000000-alerts.js';
import { Notifications1766500000000 } from './1766500000000-notifications.js';
import { AlertHistoryView1766600000000 } from './1766600000000-alert-history-view.js';
import { Schooling1766700000000 } from './1766700000000-schooling.js';
import { Reports1766800000000 } from './1766800000000-reports.js';
import { RowLevelSecurity1766900000000 } from './1766900000000-row-level-security.js';
import { SharedState1767000000000 } from './1767000000000-shared-state.js';

/** Every migration, in order. Listed as classes (no globs) so builds and tests see the same set. */
export const MIGRATIONS = [
  Foundation1764400000000,
  ResidentRegistry1764500000000,
  ResidentImport1764600000000,
  ResidentNameKnn1764700000000,
  NameTokensAndStagedImport1764800000000,
  ImportLineHash1764900000000,
  Matching1765000000000,
  CoveragePeriods1765100000000,
  CoverageGaps1765200000000,
  PensionRelief1765300000000,
  CoverageImports1765400000000,
  ResidentInsuranceFacts1765500000000,
  Employment1765600000000,
  Counseling1765700000000,
  Students1765800000000,
  Credentials1765900000000,
  NameWordPairs1766000000000,
  LanguageCourses1766100000000,
  Orientation1766200000000,
  Cases1766300000000,
  Alerts1766400000000,
  Notifications1766500000000,
  AlertHistoryView1766600000000,
  Schooling1766700000000,
  Reports1766800000000,
  RowLevelSecurity1766900000000,
  SharedState1767000000000,
];
export { STATUSES as STATUSES_OF_RESIDENCE } from './1764500000000-resident-registry.js';
