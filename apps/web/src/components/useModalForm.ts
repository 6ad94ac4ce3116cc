import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { App, Form } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The form of a modal that changes data: posts the values, says `done`, refreshes the queries under
 * `invalidate` and closes; busy while posting, the error kept for the form to show. `modal`: the modal's props
 * for all of that (spread them on antd's Modal).
 */
export function useModalForm<V>(
  onClose: () => void,
  post: (values: V) => Promise<unknown>,
  done: string,
  invalidate: QueryKey,
) {
  const { t } = useTranslation('common');
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const close = () => {
    form.resetFields();
    setError(null);
    onClose();
  };
  const submit = async (values: V) => {
    setBusy(true);
    setError(null);
    try {
      await post(values);
      void message.success(done);
      await client.invalidateQueries({ queryKey: invalidate });
      close();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const modal = {
    onCancel: close,
    cancelText: t('action.cancel'),
    confirmLoading: busy,
    onOk: () => form.submit(),
    destroyOnHidden: true,
    forceRender: true,
  };
  return { form, error, submit, modal };
}
