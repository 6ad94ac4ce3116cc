import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import {
  PASSWORD_MIN_LENGTH,
  PASSWORD_RULE_TEXT,
  passwordProblems,
  ZPasswordChanged,
} from '@crossgate/contract';
import { api, ApiError } from '../api/client.ts';
import { useAuth } from '../auth.tsx';
import { ActionError } from './States.tsx';

type Field = 'currentPassword' | 'newPassword' | 'confirm';
type RuleCode = keyof typeof PASSWORD_RULE_TEXT;

/** A rule in the UI language: the server writes `CODE: 中文 (English)`; the code picks the text here. */
function ruleText(rule: string, language: string): string {
  const code = /^([A-Z_]+):/.exec(rule)?.[1] as RuleCode | undefined;
  const text = code ? PASSWORD_RULE_TEXT[code] : undefined;
  if (!text) return rule;
  return language === 'en' ? text.en : text.zh;
}

/**
 * 修改密码 / Change password (decision 0022): the current password, a new one that passes the same rules as the
 * server (checked here as you type, and again by the server, whose refusals land on their fields), and the new
 * one again. Also the page an administrator's "change at next sign-in" opens right after sign-in.
 */
export function ChangePasswordPage() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<Record<Field, string>>();
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  if (!me) return null;
  const forced = me.user?.mustChangePassword === true;
  const username = me.user?.username;
  const lng = i18n.language;

  const submit = async (v: Record<Field, string>) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api('/api/v1/auth/password', {
        method: 'POST',
        body: { currentPassword: v.currentPassword, newPassword: v.newPassword },
        schema: ZPasswordChanged,
      });
      form.resetFields();
      setDone(r.revokedSessions);
      await client.invalidateQueries({ queryKey: ['me'] });
      await client.refetchQueries({ queryKey: ['me'] });
      if (forced) navigate('/', { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VALIDATION_FAILED') {
        const byField = new Map<string, string[]>();
        for (const d of e.details)
          byField.set(d.field, [...(byField.get(d.field) ?? []), ruleText(d.rule, lng)]);
        form.setFields([...byField].map(([name, errors]) => ({ name: name as Field, errors })));
        if ([...byField.keys()].every((f) => f === 'currentPassword' || f === 'newPassword')) return;
      }
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card style={{ maxWidth: 560 }} data-testid="change-password">
      <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="change-password-title">
        {t('account.title')}
      </Typography.Title>
      {forced && (
        <Alert
          type="warning"
          showIcon
          data-testid="password-change-required"
          message={t('account.required')}
          description={t('account.requiredHelp')}
          style={{ marginBottom: 16 }}
        />
      )}
      {done !== null && (
        <Alert
          type="success"
          showIcon
          data-testid="password-changed"
          message={t('account.changed')}
          description={t('account.changedHelp', { count: done })}
          style={{ marginBottom: 16 }}
        />
      )}
      <ActionError error={error} />
      <Typography.Paragraph type="secondary">
        {t('account.rules', { min: PASSWORD_MIN_LENGTH })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="currentPassword"
          label={t('account.current')}
          rules={[{ required: true, message: t('account.currentRequired') }]}
        >
          <Input.Password autoComplete="current-password" data-testid="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('account.new')}
          dependencies={['currentPassword']}
          rules={[
            { required: true, message: t('account.newRequired') },
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string | undefined) => {
                if (!value) return;
                const problems = passwordProblems(value, {
                  username,
                  current: getFieldValue('currentPassword') as string | undefined,
                });
                if (problems.length > 0)
                  throw new Error(problems.map((p) => ruleText(`${p}:`, lng)).join('；'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('account.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('account.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string | undefined) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error(t('account.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="confirm-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="change-password-submit">
          {t('account.submit')}
        </Button>
      </Form>
    </Card>
  );
}
