import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, Row, Table, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { ZRiskRuleSetVersion } from '@crossgate/contract';
import { api, ApiError } from '../../api/client.ts';
import { CardTitle } from '../../components/PageTitle.tsx';
import { ErrorState } from '../../pages/States.tsx';
import { reasonIn, ruleSetQuery, useFeatures } from './shared.tsx';

const EMPTY = { rules: [], typologies: [], decision: { bands: [] } };

/**
 * 起草: a copy of the chosen version's body in a JSON text area, saved as a new draft. The server checks it (the
 * domain's checkRuleSet); each refused field is listed beside the editor with its path and the reason in the UI
 * language, so a clerk never guesses why.
 */
export function DraftPage() {
  const { t, i18n } = useTranslation('risk');
  const en = i18n.language === 'en';
  const [params] = useSearchParams();
  const from = params.get('from') ?? '';
  const base = useQuery(ruleSetQuery(from));
  const features = useFeatures();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    if (loaded) return;
    if (from === '') {
      setText(JSON.stringify(EMPTY, null, 2));
      setLoaded(true);
    } else if (base.data) {
      setName(base.data.name);
      setText(JSON.stringify(base.data.body, null, 2));
      setLoaded(true);
    }
  }, [from, base.data, loaded]);

  const save = async () => {
    setJsonError(null);
    setError(null);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      setJsonError(t('draft.badJson', { message: (e as Error).message }));
      return;
    }
    setSaving(true);
    try {
      const saved = await api('/api/v1/risk/rule-sets', {
        method: 'POST',
        body: { name: name.trim(), body },
        schema: ZRiskRuleSetVersion,
      });
      void message.success(t('draft.saved', { version: saved.version }));
      await client.invalidateQueries({ queryKey: ['risk'] });
      navigate(`/risk/rule-sets/${saved.id}`);
    } catch (e) {
      setError(e);
    } finally {
      setSaving(false);
    }
  };
  const refused = error instanceof ApiError && error.code === 'RULE_VIOLATION' ? error.details : null;
  return (
    <Card
      data-testid="risk-draft-page"
      title={<CardTitle title={t('draft.title')} subtitle={t('draft.subtitle')} />}
    >
      {base.error ? <ErrorState error={base.error} /> : null}
      {base.data && (
        <Typography.Paragraph type="secondary">
          {t('draft.from', { version: base.data.version, name: base.data.name })}
        </Typography.Paragraph>
      )}
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Form layout="vertical">
            <Form.Item label={t('draft.name')} required>
              <Input
                data-testid="risk-draft-name"
                value={name}
                maxLength={200}
                onChange={(e) => setName(e.target.value)}
              />
            </Form.Item>
            <Form.Item label={t('draft.body')} required>
              <Input.TextArea
                data-testid="risk-draft-body"
                value={text}
                onChange={(e) => setText(e.target.value)}
                autoSize={{ minRows: 18, maxRows: 36 }}
                spellCheck={false}
                style={{ fontFamily: 'monospace', fontSize: 12 }}
              />
            </Form.Item>
            <Button
              type="primary"
              data-testid="risk-draft-save"
              loading={saving}
              disabled={!loaded || name.trim() === ''}
              onClick={() => void save()}
            >
              {t('draft.save')}
            </Button>
          </Form>
        </Col>
        <Col xs={24} xl={10}>
          {jsonError && <Alert type="error" showIcon title={jsonError} data-testid="risk-draft-json-error" />}
          {refused ? (
            <Alert
              type="error"
              showIcon
              data-testid="risk-draft-errors"
              title={t('draft.errors')}
              description={
                <Table
                  size="small"
                  pagination={false}
                  rowKey={(_, i) => String(i)}
                  dataSource={refused}
                  columns={[
                    {
                      title: t('draft.field'),
                      key: 'field',
                      render: (_, d) => (
                        <Typography.Text code data-testid="risk-draft-error-field">
                          {d.field}
                        </Typography.Text>
                      ),
                    },
                    {
                      title: t('draft.reason'),
                      key: 'reason',
                      render: (_, d) => (
                        <span data-testid="risk-draft-error-reason">
                          {reasonIn(d.rule, en)}
                          {d.actual !== undefined ? ` (${d.actual})` : ''}
                        </span>
                      ),
                    },
                  ]}
                />
              }
            />
          ) : error ? (
            <ErrorState error={error} />
          ) : null}
          <Card size="small" title={t('draft.features')} style={{ marginTop: 16 }}>
            <Table
              size="small"
              rowKey="name"
              pagination={{ pageSize: 10, size: 'small' }}
              dataSource={[...features.values()]}
              columns={[
                {
                  title: t('draft.featureName'),
                  key: 'name',
                  render: (_, f) => <Typography.Text code>{f.name}</Typography.Text>,
                },
                { title: t('draft.featureMeaning'), key: 'meaning', render: (_, f) => (en ? f.en : f.zh) },
                {
                  title: t('draft.featureRange'),
                  key: 'range',
                  render: (_, f) =>
                    f.type === 'boolean'
                      ? en
                        ? 'yes / no'
                        : '是 / 否'
                      : `${f.min ?? '−∞'} – ${f.max ?? '∞'}${f.unit && f.unit !== 'count' ? ` ${f.unit}` : ''}`,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </Card>
  );
}
