import { Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { canSee, MENU, useMe } from '../session';

export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const searches = canSee(me, MENU.find((item) => item.key === 'residents')!.roles);

  const search = (event: FormEvent) => {
    event.preventDefault();
    void navigate({ to: '/residents', search: { q } });
  };

  return (
    <Stack>
      <Title order={2}>{t('dashboard.title')}</Title>
      <Text>{t('dashboard.welcome', { name: me.user?.displayName ?? '' })}</Text>
      {searches && (
        <Card withBorder>
          <form onSubmit={search} role="search">
            <Group align="flex-end">
              <TextInput
                label={t('dashboard.quickSearch')}
                value={q}
                onChange={(event) => setQ(event.currentTarget.value)}
                style={{ flex: 1 }}
              />
              <Button type="submit">{t('residents.search')}</Button>
            </Group>
          </form>
        </Card>
      )}
    </Stack>
  );
}
