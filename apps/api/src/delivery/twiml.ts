/** TwiML answers to an incoming message: one reply, or none (an empty Response). */

export function twimlReply(text: string | null): string {
  const head = '<?xml version="1.0" encoding="UTF-8"?>';
  return text === null
    ? `${head}<Response/>`
    : `${head}<Response><Message>${escapeXml(text)}</Message></Response>`;
}

function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string,
  );
}
