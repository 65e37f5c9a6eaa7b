/**
 * One step of a workflow as a modal form (a hazard's 五落实 or acceptance, an alarm's 回应 or closing):
 * validates, sends the body through the step's API call, refreshes every query and closes; the API's
 * field errors appear next to the fields, anything else as a message. The API decides who may take which
 * step.
 */
import type { ReactNode } from 'react';
import { App, Form, Modal, type FormInstance } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../app/i18n.tsx';
import { reportFormError, validValues } from './formError.ts';

type Values = Record<string, unknown>;

export function StepDialog(props: {
  /** The form's instance (from Form.useForm), so the caller can set initial values. */
  form: FormInstance<Values>;
  /**
   * Sends the form's body through the step's endpoint contract, e.g.
   * `(body) => call(hazardsApi.plan, { params: { id }, body })`; null keeps the dialog closed.
   */
  send: ((body: unknown) => Promise<unknown>) | null;
  title: string;
  toBody?: (values: Values) => unknown;
  initialValues?: Values;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { form, send } = props;
  const submit = async () => {
    const values = await validValues(form);
    if (!values) {
      return;
    }
    try {
      await send?.(props.toBody ? props.toBody(values) : values);
      await qc.invalidateQueries();
      void message.success(t('common.saved'));
      props.onClose();
    } catch (e) {
      reportFormError(form, e, (text) => void message.error(text));
    }
  };
  return (
    <Modal
      open={Boolean(send)}
      title={props.title}
      onCancel={props.onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={props.initialValues}>
        {props.children}
      </Form>
    </Modal>
  );
}
