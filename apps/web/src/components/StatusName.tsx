import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { statusesQuery } from '../api/queries';

/** A status of residence in the reader's language, with its code and subtype: 技能実習2号 (TITP_2) RO. */
export function StatusName({ code, subtype }: { code?: string | null; subtype?: string | null }) {
  const { i18n } = useTranslation();
  const statuses = useQuery(statusesQuery);
  if (!code) return <>—</>;
  const status = statuses.data?.find((candidate) => candidate.code === code);
  const name = status ? (i18n.language === 'en' ? status.nameEn : status.nameJa) : null;
  return <>{[name ? `${name} (${code})` : code, subtype].filter(Boolean).join(' ')}</>;
}
