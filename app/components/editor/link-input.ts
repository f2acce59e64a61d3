import { isSafeUrl } from '../../editor/link-policy.ts';

const EMAIL = /^[^\s@/:]+@[^\s@/:]+\.[^\s@/:]+$/;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
// "example.org", "www.example.org/path": a host with a dot, no scheme.
const BARE_HOST = /^[^\s/:@]+\.[^\s/:@]{2,}(?:[/?#]\S*)?$/;

/**
 * What a person typed into the link field, as the URL to link to, or null
 * when it is not an address the portal accepts. As in word processors, a bare
 * e-mail address gets mailto: and a bare host name gets https://.
 */
export function linkFromInput(input: string): string | null {
  const value = input.trim();
  if (value === '') return null;
  let url = value;
  if (!HAS_SCHEME.test(value)) {
    if (EMAIL.test(value)) url = `mailto:${value}`;
    else if (BARE_HOST.test(value)) url = `https://${value}`;
  }
  return isSafeUrl(url) ? url : null;
}

/** The text to show for a link inserted where nothing was selected. */
export function linkText(url: string): string {
  return url.startsWith('mailto:') ? url.slice('mailto:'.length) : url;
}
