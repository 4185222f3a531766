import { Form, Input, Space } from 'antd';
import { idNumberRule } from '../lib/people';
import { IdNumberInput } from './KeypadInputs';

/**
 * The 身份证号 + 姓名 pair a receiving side gives to ask for a person it does not hold
 * (transfers in, graduates in): both must match the record, checked by the same rules
 * as everywhere else (parseIdCard on the business date).
 */
export function IdNumberNameFields() {
  return (
    <Space size={16} align="start" wrap>
      <Form.Item name="idNumber" label="身份证号" rules={[{ required: true, whitespace: true, message: '请填写身份证号' }, idNumberRule]}>
        <IdNumberInput />
      </Form.Item>
      <Form.Item name="personName" label="姓名" rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { min: 2, message: '姓名至少2个字' }, { max: 30 }]}>
        <Input style={{ width: 200 }} />
      </Form.Item>
    </Space>
  );
}
