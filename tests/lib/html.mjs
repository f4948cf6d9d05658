// Just enough HTML reading for page tests over plain HTTP (the browser suite uses Chromium).

// Attribute value of the first <input>/<textarea>/<button> with name=NAME, or null.
export function inputValue(html, name) {
  const re = new RegExp(`<input\\b[^>]*\\bname=["']${name}["'][^>]*>`, 'i');
  const tag = re.exec(html)?.[0];
  if (!tag) return null;
  return /\bvalue=["']([^"']*)["']/i.exec(tag)?.[1] ?? '';
}

// Text content of the element with id=ID (tags inside stripped), or null.
export function textOfId(html, id) {
  const re = new RegExp(`<([a-z0-9]+)\\b[^>]*\\bid=["']${id}["'][^>]*>([\\s\\S]*?)</\\1>`, 'i');
  const m = re.exec(html);
  if (!m) return null;
  return decodeEntities(m[2].replace(/<[^>]*>/g, '')).trim();
}

export function hasId(html, id) {
  return new RegExp(`\\bid=["']${id}["']`, 'i').test(html);
}

export function decodeEntities(s) {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0*39;|&#x0*27;|&apos;/gi, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');
}

// Value of the lang attribute of <html>.
export function htmlLang(html) {
  return /<html\b[^>]*\blang=["']([^"']+)["']/i.exec(html)?.[1] ?? null;
}

// All src/href URLs of <script>, <link> and <img> tags.
export function assetUrls(html) {
  const out = [];
  for (const m of html.matchAll(/<(?:script|link|img)\b[^>]*\b(?:src|href)=["']([^"']+)["']/gi)) out.push(decodeEntities(m[1]));
  return out;
}

// A minimal cookie jar: name -> value, fed from Set-Cookie lists.
export class CookieJar {
  constructor() {
    this.map = new Map();
  }
  update(setCookies) {
    for (const c of setCookies ?? []) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) this.map.delete(name);
      else this.map.set(name, value);
    }
  }
  header() {
    return [...this.map].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  get(name) {
    return this.map.get(name);
  }
}
