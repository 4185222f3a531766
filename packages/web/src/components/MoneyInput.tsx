import { formatFen, yuanToFen } from '@tuanjian/domain';
import { Input, type InputProps } from 'antd';
import type { Rule } from 'antd/es/form';

/**
 * Money typed in yuan and sent in fen, exactly: the form keeps the text the
 * user typed ("1500.5", "1,500.50") and yuanToFen parses it as a string, so no
 * floating-point rounding ever touches an amount.
 */
export function YuanInput(props: Omit<InputProps, 'suffix' | 'inputMode'>) {
  return <Input inputMode="decimal" suffix="元" autoComplete="off" {...props} />;
}

/** Form rules of a yuan field: required, an amount with at most two decimals, and optionally more than zero. */
export function yuanRules(label: string, { positive = false }: { positive?: boolean } = {}): Rule[] {
  return [
    { required: true, message: `请填写${label}` },
    {
      validator: async (_, value: string | undefined) => {
        if (value === undefined || value === '') return;
        const fen = yuanToFen(String(value));
        if (fen === null) throw new Error(`${label}应为金额，最多两位小数，如 1500 或 1500.50`);
        if (positive && fen <= 0) throw new Error(`${label}应大于0`);
      },
    },
  ];
}

/** The fen of a validated yuan field (the rules above have checked it parses). */
export function fenOf(text: string | undefined): number {
  return yuanToFen(String(text ?? '')) ?? 0;
}

/** An amount in fen as the text a YuanInput starts with ("1500.50"). */
export function yuanText(fen: number): string {
  return formatFen(fen).replace(/,/g, '');
}

/** An amount in fen shown as yuan with two decimals: "1,500.50 元". */
export function Yuan({ fen }: { fen: number }) {
  return <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{formatFen(fen)} 元</span>;
}
