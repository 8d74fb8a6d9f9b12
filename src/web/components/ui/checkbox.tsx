import { type InputHTMLAttributes, type ReactNode, useId } from 'react'

export function Checkbox({
  label,
  id,
  ...props
}: { label: ReactNode } & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const generated = useId()
  const controlId = id ?? `checkbox${generated.replace(/:/g, '')}`
  return (
    <label className="checkbox" htmlFor={controlId}>
      <input type="checkbox" id={controlId} {...props} />
      <span>{label}</span>
    </label>
  )
}
