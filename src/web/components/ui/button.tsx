import type { ButtonHTMLAttributes, ReactNode, Ref } from 'react'
import { Spinner } from './spinner.tsx'

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost'

export function buttonClassName(
  variant: ButtonVariant = 'primary',
  options: { size?: 'small' | 'normal'; isBlock?: boolean } = {},
) {
  return [
    'button',
    `button-${variant}`,
    options.size === 'small' ? 'button-small' : '',
    options.isBlock ? 'button-block' : '',
  ]
    .filter(Boolean)
    .join(' ')
}

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant
  size?: 'small' | 'normal'
  isBlock?: boolean
  /** Shows a spinner and blocks clicks while an action runs; the label stays for screen readers. */
  isLoading?: boolean
  ref?: Ref<HTMLButtonElement>
  children: ReactNode
}

export function Button({
  variant = 'primary',
  size,
  isBlock,
  isLoading = false,
  type = 'button',
  className,
  disabled,
  children,
  ...rest
}: ButtonProps) {
  return (
    <button
      type={type}
      className={[buttonClassName(variant, { size, isBlock }), className].filter(Boolean).join(' ')}
      disabled={disabled || isLoading}
      aria-busy={isLoading || undefined}
      {...rest}
    >
      {isLoading ? <Spinner /> : null}
      {children}
    </button>
  )
}
