/** Quiet hours a channel keeps when the journey sets none: texts wait for the morning, email does not. */
export const DEFAULT_QUIET_HOURS = {
  sms: { start: '21:00', end: '08:00' },
  whatsapp: { start: '21:00', end: '08:00' },
};
