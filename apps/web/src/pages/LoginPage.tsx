import { Alert, Button, Container, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, setCsrfToken, unwrap } from '../api/client';

interface SessionView {
  csrfToken: string;
}

export function LoginPage() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string; password?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The API's rules (LoginDto): an email of 3–254 characters, a password.
    const found = {
      email: !email.trim()
        ? t('auth.emailRequired')
        : !/^[^\s@]+@[^\s@]+$/.test(email.trim())
          ? t('auth.emailInvalid')
          : undefined,
      password: password ? undefined : t('auth.passwordRequired'),
    };
    setErrors(found);
    if (found.email || found.password) return;
    setBusy(true);
    try {
      const session = await unwrap<SessionView>(
        api.POST('/api/v1/auth/login', { body: { email: email.trim(), password } }),
      );
      setCsrfToken(session.csrfToken);
      await client.invalidateQueries({ queryKey: ['me'] });
      await navigate({ to: '/' });
    } catch (error) {
      const status = error instanceof ApiError ? error.problem.status : 0;
      setErrors({
        form: status === 401 ? t('auth.failed') : error instanceof Error ? error.message : String(error),
        email: error instanceof ApiError ? error.fieldError('email') : undefined,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Container size={420} my={40}>
      <Title order={1} ta="center">
        {t('app.name')}
      </Title>
      <Text c="gray.7" ta="center" mt={5}>
        {t('app.tagline')}
      </Text>
      <Paper withBorder shadow="sm" p={30} mt={30} radius="md">
        <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="login-title">
          <Stack>
            <Title order={2} size="h3" id="login-title">
              {t('auth.title')}
            </Title>
            {errors.form && (
              <Alert color="red" role="alert">
                {errors.form}
              </Alert>
            )}
            <TextInput
              label={t('auth.email')}
              type="email"
              autoComplete="username"
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              error={errors.email}
              required
            />
            <PasswordInput
              label={t('auth.password')}
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={errors.password}
              required
            />
            <Button type="submit" loading={busy}>
              {t('auth.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Container>
  );
}
