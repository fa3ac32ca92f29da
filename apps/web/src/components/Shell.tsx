import { AppShell, Burger, Button, Center, Group, Loader, NavLink, SegmentedControl, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Navigate, Outlet, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, switchLanguage, type Language } from '../i18n';
import { canSee, MENU, useMe, useSignOut } from '../session';
import { ErrorNotice } from './ErrorNotice';

/** Header, role-filtered menu and the page; anyone without a session is sent to the login page. */
export function Shell() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const signOut = useSignOut();
  const [opened, { toggle }] = useDisclosure();
  const path = useRouterState({ select: (state) => state.location.pathname });

  const languageSwitch = (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      value={i18n.language}
      onChange={(value) => switchLanguage(value as Language)}
      data={LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) }))}
    />
  );

  if (me.isPending)
    return (
      <Center h="100vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  if (me.isError) return <ErrorNotice error={me.error} />;
  if (!me.data) {
    if (path !== '/login') return <Navigate to="/login" />;
    return (
      <main>
        <Group justify="flex-end" p="md">
          {languageSwitch}
        </Group>
        <Outlet />
      </main>
    );
  }
  if (path === '/login') return <Navigate to="/" />;

  const user = me.data.user;
  const items = MENU.filter((item) => canSee(me.data!, item.roles));
  // The longest menu path that the page is under: /schooling/survey lights up its own item, not /schooling's.
  const active = items
    .filter((item) => (item.to === '/' ? path === '/' : path === item.to || path.startsWith(`${item.to}/`)))
    .reduce<string | null>((best, item) => (best && best.length >= item.to.length ? best : item.to), null);
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.label')} />
            <Title order={1} size="h3">
              {t('app.name')}
            </Title>
          </Group>
          <Group>
            {languageSwitch}
            <Text size="sm" data-testid="signed-in-as">
              {t('auth.signedInAs', {
                name: user?.displayName ?? '',
                roles: me.data.roles.map((role) => t(`roles.${role}`)).join('・'),
              })}
            </Text>
            <Button variant="default" size="xs" onClick={() => void signOut()}>
              {t('auth.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.label')}>
        {items.map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={t(`nav.${item.key}`)}
            active={item.to === active}
            // The router marks a link under which the page lies as current too (aria-current, which Mantine
            // styles as active): exact for a menu path with menu paths beneath it, such as /schooling.
            activeOptions={{ exact: items.some((other) => other.to.startsWith(`${item.to}/`)) }}
            // Filled: white on the primary colour keeps AA contrast, hovered or not.
            variant="filled"
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
