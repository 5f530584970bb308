// A curl command line that sends a Web Request as it is: for the CLI's `sign`
// and the playground's "ready curl line".

function shellQuote(text: string): string {
  return /^[A-Za-z0-9_\-.,:/=@%+]+$/.test(text)
    ? text
    : `'${text.replaceAll("'", `'\\''`)}'`;
}

/** The curl command line that sends `request`: method, URL, headers, body. */
export async function curlLine(request: Request): Promise<string> {
  return [
    "curl",
    ...(request.method === "GET" ? [] : ["-X", request.method]),
    shellQuote(request.url),
    ...[...request.headers].flatMap((
      [n, v],
    ) => ["-H", shellQuote(`${n}: ${v}`)]),
    ...(request.body === null
      ? []
      : ["--data-raw", shellQuote(await request.text())]),
  ].join(" ");
}
