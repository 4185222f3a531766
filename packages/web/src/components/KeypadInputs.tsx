import { Button, Input, type InputProps } from 'antd';
import type { ChangeEvent } from 'react';

type Props = Omit<InputProps, 'inputMode' | 'type'>;

/**
 * 身份证号: opens the phone's numeric keypad (inputMode numeric); the keypad has no X, so an X key
 * beside the field types the check character. The one ID-number input of every form.
 */
export function IdNumberInput({ value, onChange, style, ...props }: Props) {
  const text = typeof value === 'string' ? value : '';
  const typeX = () => onChange?.({ target: { value: `${text}X` } } as ChangeEvent<HTMLInputElement>);
  return (
    <Input
      inputMode="numeric"
      autoComplete="off"
      maxLength={18}
      style={{ width: 240, maxWidth: '100%', fontFamily: 'monospace', ...style }}
      value={value}
      onChange={onChange}
      suffix={
        <Button
          type="text"
          size="small"
          aria-label="输入X"
          title="输入末位X"
          disabled={props.disabled || text.length >= 18}
          // Keeps the focus (and the keypad) in the field.
          onMouseDown={(e) => e.preventDefault()}
          onClick={typeX}
          style={{ minWidth: 32, fontFamily: 'monospace' }}
        >
          X
        </Button>
      }
      {...props}
    />
  );
}

/** 手机号码 / 联系电话: the phone's telephone keypad, and the browser may fill in the number. */
export function PhoneInput(props: Props) {
  return <Input inputMode="tel" autoComplete="tel" maxLength={13} {...props} />;
}
