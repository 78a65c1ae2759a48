import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * The address policy for links found inside documents (a feed item's link, a redirect): they may
 * not reach this machine or its network — loopback, private, link-local, unique-local, multicast,
 * unspecified, broadcast, carrier-grade NAT and the other special ranges (IPv4 and IPv6, an IPv4
 * address mapped into IPv6 judged as the IPv4 one). Only global unicast addresses pass. Otherwise a
 * feed, or a page that redirects, could make triangulate fetch an internal page (a router's admin
 * page, a local service's secrets) and store it as an article.
 *
 * ipaddr.js classifies (it knows the IANA special-purpose registries); the WHATWG URL parser has
 * already turned decimal, hex and octal host forms ("http://2130706433/", "http://0x7f000001/")
 * into dotted IPv4, so the host of a parsed URL is all that needs judging. A name is judged by the
 * addresses it resolves to, when the socket connects (`lookupGuard`), so a name that resolves
 * to a public address at one moment and a private one the next cannot slip through.
 */

/** Why an address is refused, or null when it is a global unicast address. */
export function refusedRange(address: string): string | null {
  const bare = address.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(bare)) return null;
  const ip = ipaddr.process(bare);
  const range = ip.range();
  return range === 'unicast' ? null : range;
}

/** Host names that always mean this machine (RFC 6761), whatever a resolver says. */
function isLocalName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost');
}

/**
 * Why a URL may not be fetched under the policy, judged on its host as written (an address, or a
 * name that always means this machine), or null. Names are judged again on what they resolve to.
 *
 * @example
 * refusedUrl('http://0x7f000001:8080/admin'); // 'loopback address 127.0.0.1'
 * refusedUrl('https://example.org/'); // null
 */
export function refusedUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `not http(s) (${parsed.protocol})`;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (isLocalName(host)) return `local host name ${host}`;
  const range = isIP(host) ? refusedRange(host) : null;
  return range ? `${describe(range)} address ${host}` : null;
}

function describe(range: string): string {
  return range.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}

/** The error a refused connection fails with: its message is the one-line reason shown. */
export class AddressRefused extends Error {
  override readonly name = 'AddressRefused';
  readonly code = 'EADDRREFUSED';
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A resolver with the shape of dns.lookup's `all: true` form. */
export type Resolver = (hostname: string, options: LookupOptions & { all: true }, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

/**
 * A `lookup` for net/tls.connect that resolves the name (with `resolve`, dns.lookup by default),
 * refuses it when any of its addresses is not global unicast, and connects only to what it checked.
 *
 * @example
 * new Agent({ connect: { lookup: lookupGuard() } });
 */
export function lookupGuard(resolve: Resolver = dnsLookup as unknown as Resolver) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    if (isLocalName(hostname)) return callback(new AddressRefused(`refused: ${hostname} is this machine (see --allow-private-network)`), []);
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      for (const a of addresses) {
        const range = refusedRange(a.address);
        if (range) return callback(new AddressRefused(`refused: ${hostname} resolves to a ${describe(range)} address (${a.address}; see --allow-private-network)`), []);
      }
      if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname}: no address`), { code: 'ENOTFOUND' }), []);
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
