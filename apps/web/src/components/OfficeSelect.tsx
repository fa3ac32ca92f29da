import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../api/client';
import type { Office } from '../api/types';
import { useMe } from '../session';

/** The offices this user works with (their city offices and the PESO offices covering them). */
export function useOffices() {
  return useQuery({
    queryKey: ['offices'],
    queryFn: () => unwrap<Office[]>(api.GET('/api/v1/offices')),
    staleTime: 5 * 60_000,
  });
}

export function officeLabel(t: TFunction, office: Office): string {
  return t('offices.label', { name: office.name, kind: t(`offices.kinds.${office.kind}`) });
}

/** Picks another office by name (consents and referrals need its id, which nobody should type). */
export function OfficeSelect(props: {
  label: string;
  value: string;
  onChange: (id: string) => void;
  error?: string;
  w?: number;
}) {
  const { t } = useTranslation();
  const me = useMe().data;
  const offices = useOffices();
  const others = (offices.data ?? []).filter((office) => office.id !== me?.orgId);
  return (
    <Select
      label={props.label}
      placeholder={t('offices.choose')}
      data={others.map((office) => ({ value: office.id, label: officeLabel(t, office) }))}
      value={props.value || null}
      onChange={(value) => props.onChange(value ?? '')}
      error={props.error}
      searchable
      nothingFoundMessage={t('offices.none')}
      required
      w={props.w ?? 340}
    />
  );
}
