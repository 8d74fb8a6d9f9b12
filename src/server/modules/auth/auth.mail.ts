import type { MailMessage } from '#server/mail/mailer.ts'

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

function layout(paragraphs: string[], action: { label: string; url: string }, footer: string): string {
  const body = paragraphs.map((text) => `<p style="margin:0 0 16px">${text}</p>`).join('\n')
  return `<!doctype html>
<html lang="en">
<body style="margin:0;padding:24px;background:#f6f7f9;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2933;line-height:1.5">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:32px">
${body}
<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:6px;font-weight:600">${escapeHtml(action.label)}</a></p>
<p style="margin:0 0 16px;font-size:14px;color:#52606d">If the button does not work, copy this address into your browser:<br><a href="${escapeHtml(action.url)}" style="color:#1d4ed8;word-break:break-all">${escapeHtml(action.url)}</a></p>
<p style="margin:24px 0 0;font-size:14px;color:#52606d">${footer}</p>
</div>
</body>
</html>`
}

function formatExpiry(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

export function invitationEmail(values: {
  organizationId: string
  personId: string
  to: string
  name: string
  organizationName: string
  invitedByName: string | null
  url: string
  expiresAt: Date
  /** The program the person was enrolled in, when enrolling them is what invites them. */
  programName?: string
}): MailMessage {
  const who = values.invitedByName ?? 'Your organization'
  const program = values.programName
  const subject = program
    ? `${who} enrolled you in ${program} at ${values.organizationName} on Tandem`
    : `${who} invited you to ${values.organizationName} on Tandem`
  const programLine = program
    ? `You are enrolled in the program "${program}". Once you have chosen a password, you will be asked to accept its confidentiality terms.`
    : null
  const text = [
    `Hello ${values.name},`,
    '',
    `${who} invited you to join ${values.organizationName} on Tandem, where colleagues coach and mentor each other as peers.`,
    ...(programLine ? ['', programLine] : []),
    '',
    'To accept, open this link and choose a password:',
    values.url,
    '',
    `The link works once and expires on ${formatExpiry(values.expiresAt)}. If it has expired, ask ${values.invitedByName ?? 'your administrator'} to invite you again.`,
    '',
    'If you were not expecting this invitation, you can ignore this email: nothing happens until you accept.',
    '',
    'Tandem',
  ].join('\n')
  const html = layout(
    [
      `Hello ${escapeHtml(values.name)},`,
      `${escapeHtml(who)} invited you to join <strong>${escapeHtml(values.organizationName)}</strong> on Tandem, where colleagues coach and mentor each other as peers.`,
      ...(programLine ? [escapeHtml(programLine)] : []),
      'To accept, choose a password:',
    ],
    { label: 'Accept the invitation', url: values.url },
    `The link works once and expires on ${escapeHtml(formatExpiry(values.expiresAt))}. If you were not expecting this invitation, you can ignore this email: nothing happens until you accept.`,
  )
  return {
    organizationId: values.organizationId,
    to: values.to,
    subject,
    text,
    html,
    kind: 'invitation',
    hasCredential: true,
    recipientPersonId: values.personId,
  }
}

export function passwordResetEmail(values: {
  organizationId: string
  personId: string
  to: string
  name: string
  url: string
  expiresAt: Date
}): MailMessage {
  const subject = 'Reset your Tandem password'
  const text = [
    `Hello ${values.name},`,
    '',
    'Someone, hopefully you, asked to reset the password of your Tandem account.',
    '',
    'To choose a new password, open this link:',
    values.url,
    '',
    `The link works once and expires on ${formatExpiry(values.expiresAt)}. Setting a new password signs you out everywhere else.`,
    '',
    'If you did not ask for this, ignore this email: your password stays as it is.',
    '',
    'Tandem',
  ].join('\n')
  const html = layout(
    [
      `Hello ${escapeHtml(values.name)},`,
      'Someone, hopefully you, asked to reset the password of your Tandem account.',
    ],
    { label: 'Choose a new password', url: values.url },
    `The link works once and expires on ${escapeHtml(formatExpiry(values.expiresAt))}. Setting a new password signs you out everywhere else. If you did not ask for this, ignore this email: your password stays as it is.`,
  )
  return {
    organizationId: values.organizationId,
    to: values.to,
    subject,
    text,
    html,
    kind: 'password_reset',
    hasCredential: true,
    recipientPersonId: values.personId,
  }
}

/** The fresh way in after an admin reset a person's sign-in: a link to choose a new password. */
export function signInResetEmail(values: {
  organizationId: string
  personId: string
  to: string
  name: string
  resetByName: string
  url: string
  expiresAt: Date
}): MailMessage {
  const subject = 'Your Tandem sign-in was reset: choose a new password'
  const text = [
    `Hello ${values.name},`,
    '',
    `${values.resetByName}, an administrator of your organization, reset your Tandem sign-in. You were signed out everywhere and your old password no longer works.`,
    '',
    'To choose a new password, open this link:',
    values.url,
    '',
    `The link works once and expires on ${formatExpiry(values.expiresAt)}. If you did not expect this, tell ${values.resetByName} or another administrator.`,
    '',
    'Tandem',
  ].join('\n')
  const html = layout(
    [
      `Hello ${escapeHtml(values.name)},`,
      `${escapeHtml(values.resetByName)}, an administrator of your organization, reset your Tandem sign-in. You were signed out everywhere and your old password no longer works.`,
    ],
    { label: 'Choose a new password', url: values.url },
    `The link works once and expires on ${escapeHtml(formatExpiry(values.expiresAt))}. If you did not expect this, tell ${escapeHtml(values.resetByName)} or another administrator.`,
  )
  return {
    organizationId: values.organizationId,
    to: values.to,
    subject,
    text,
    html,
    kind: 'sign_in_reset',
    hasCredential: true,
    recipientPersonId: values.personId,
  }
}
