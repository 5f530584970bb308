// The presets: published requests, each with the base string and signature it
// must reproduce. The page checks every one at load and shows a check mark;
// tests/playground_test.ts checks them against tests/testdata/published.json.

import type { Fields } from "./state.ts";

/** A published request and what it must produce. */
export interface Preset {
  /** The id, as in tests/testdata/published.json where it comes from there. */
  readonly id: string;
  /** The title shown on its button. */
  readonly title: string;
  /** Where it was published. */
  readonly source: string;
  /** What it teaches. */
  readonly note?: string;
  /** The form's fields; the others keep their defaults. */
  readonly fields: Partial<Fields>;
  /** The published base string and signature. */
  readonly expected: {
    readonly baseString: string;
    readonly signature: string;
  };
}

/** Every preset, the tutorial's first. */
export const PRESETS: readonly Preset[] = [
  {
    "id": "tutorial-catalog-title",
    "title": "The tutorial's catalog title search",
    "source":
      "README.md's trace of examples/title.ts (checked with oauthlib 3.2.2)",
    "note":
      "The query is signed: expand's commas and @ are encoded once in the URL and once more in the base string.",
    "fields": {
      "method": "GET",
      "url":
        "http://catalog.example/catalog/titles?term=fargo&expand=synopsis%2Ccast%2Cformats%2C%40episodes%2C%40seasons&max_results=1",
      "consumerKey": "demo-consumer-key",
      "consumerSecret": "demo-consumer-secret",
      "signatureMethod": "HMAC-SHA1",
      "nonce": "f155dba82bb2597ca3d990079751eaca",
      "timestamp": "1795898400",
      "version": true,
      "placement": "query",
    },
    "expected": {
      "baseString":
        "GET&http%3A%2F%2Fcatalog.example%2Fcatalog%2Ftitles&expand%3Dsynopsis%252Ccast%252Cformats%252C%2540episodes%252C%2540seasons%26max_results%3D1%26oauth_consumer_key%3Ddemo-consumer-key%26oauth_nonce%3Df155dba82bb2597ca3d990079751eaca%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1795898400%26oauth_version%3D1.0%26term%3Dfargo",
      "signature": "v0gSI0gC39eGktuBF8CFRCh/PWM=",
    },
  },
  {
    "id": "rfc5849-3.4.1-hmac-sha1",
    "title": "RFC 5849 §3.4.1.1: the base string example",
    "source":
      "RFC 5849 section 3.4.1.1 (base string published; secrets from oauthlib's test suite)",
    "fields": {
      "method": "POST",
      "url": "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b",
      "consumerKey": "9djdj82h48djs9d2",
      "consumerSecret": "ECrDNoq1VYzzzzzzzzzyAK7TwZNtPnkqatqZZZZ",
      "signatureMethod": "HMAC-SHA1",
      "nonce": "7d8f3e4a",
      "timestamp": "137131201",
      "version": false,
      "token": "kkk9d7dh3k39sjv7",
      "tokenSecret": "just-a-string    asdasd",
      "realm": "Example",
      "bodyKind": "form",
      "body": "c2&a3=2+q",
    },
    "expected": {
      "baseString":
        "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7",
      "signature": "wsdNmjGB7lvis0UJuPAmjvX/PXw=",
    },
  },
  {
    "id": "rfc5849-3.4.1-hmac-sha256",
    "title": "RFC 5849 §3.4.1.1 with HMAC-SHA256",
    "source":
      "RFC 5849 section 3.4.1.1 with HMAC-SHA256 (oauthlib's test suite)",
    "fields": {
      "method": "POST",
      "url": "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b",
      "consumerKey": "9djdj82h48djs9d2",
      "consumerSecret": "ECrDNoq1VYzzzzzzzzzyAK7TwZNtPnkqatqZZZZ",
      "signatureMethod": "HMAC-SHA256",
      "nonce": "7d8f3e4a",
      "timestamp": "137131201",
      "version": false,
      "token": "kkk9d7dh3k39sjv7",
      "tokenSecret": "just-a-string    asdasd",
      "realm": "Example",
      "bodyKind": "form",
      "body": "c2&a3=2+q",
    },
    "expected": {
      "baseString":
        "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7",
      "signature": "H3pFir1hklbRC9oCiPduDwq3HEUY6s4qUXq6qz9wmAs=",
    },
  },
  {
    "id": "rfc5849-1.2-initiate",
    "title": "RFC 5849 §1.2: temporary credentials",
    "source": "RFC 5849 section 1.2 (temporary credentials)",
    "note":
      "The first leg: oauth_callback is signed, there is no token and no oauth_version.",
    "fields": {
      "method": "POST",
      "url": "https://photos.example.net/initiate",
      "consumerKey": "dpf43f3p2l4k3l03",
      "consumerSecret": "kd94hf93k423kf44",
      "signatureMethod": "HMAC-SHA1",
      "nonce": "wIjqoS",
      "timestamp": "137131200",
      "version": false,
      "callback": "http://printer.example.com/ready",
      "realm": "Photos",
    },
    "expected": {
      "baseString":
        "POST&https%3A%2F%2Fphotos.example.net%2Finitiate&oauth_callback%3Dhttp%253A%252F%252Fprinter.example.com%252Fready%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DwIjqoS%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131200",
      "signature": "74KNZJeDHnMBp0EMJ9ZHt/XKycU=",
    },
  },
  {
    "id": "rfc5849-1.2-token",
    "title": "RFC 5849 §1.2: token credentials",
    "source": "RFC 5849 section 1.2 (token credentials)",
    "note": "The third leg: the temporary token and oauth_verifier are signed.",
    "fields": {
      "method": "POST",
      "url": "https://photos.example.net/token",
      "consumerKey": "dpf43f3p2l4k3l03",
      "consumerSecret": "kd94hf93k423kf44",
      "signatureMethod": "HMAC-SHA1",
      "nonce": "walatlh",
      "timestamp": "137131201",
      "version": false,
      "token": "hh5s93j4hdidpola",
      "tokenSecret": "hdhd0244k9j7ao03",
      "verifier": "hfdp7dh39dks9884",
      "realm": "Photos",
    },
    "expected": {
      "baseString":
        "POST&https%3A%2F%2Fphotos.example.net%2Ftoken&oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dwalatlh%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dhh5s93j4hdidpola%26oauth_verifier%3Dhfdp7dh39dks9884",
      "signature": "gKgrFCywp7rO0OXSjdot/IHF7IU=",
    },
  },
  {
    "id": "rfc5849-1.2-photos",
    "title": "RFC 5849 §1.2: the protected resource",
    "source": "RFC 5849 section 1.2 (protected resource)",
    "note": "realm travels in the header and is never signed.",
    "fields": {
      "method": "GET",
      "url": "http://photos.example.net/photos?file=vacation.jpg&size=original",
      "consumerKey": "dpf43f3p2l4k3l03",
      "consumerSecret": "kd94hf93k423kf44",
      "signatureMethod": "HMAC-SHA1",
      "nonce": "chapoH",
      "timestamp": "137131202",
      "version": false,
      "token": "nnch734d00sl2jdk",
      "tokenSecret": "pfkkdhi9sl3r4s00",
      "realm": "Photos",
    },
    "expected": {
      "baseString":
        "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal",
      "signature": "MdpQcU8iPSUjWoN/UDMsK2sui9I=",
    },
  },
  {
    "id": "oauth-core-1.0-a5",
    "title": "OAuth Core 1.0, Appendix A.5",
    "source": "OAuth Core 1.0 Appendix A.5",
    "note": "The example every library tested against before RFC 5849.",
    "fields": {
      "method": "GET",
      "url": "http://photos.example.net/photos?file=vacation.jpg&size=original",
      "consumerKey": "dpf43f3p2l4k3l03",
      "consumerSecret": "kd94hf93k423kf44",
      "signatureMethod": "HMAC-SHA1",
      "nonce": "kllo9940pd9333jh",
      "timestamp": "1191242096",
      "version": true,
      "token": "nnch734d00sl2jdk",
      "tokenSecret": "pfkkdhi9sl3r4s00",
    },
    "expected": {
      "baseString":
        "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dkllo9940pd9333jh%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1191242096%26oauth_token%3Dnnch734d00sl2jdk%26oauth_version%3D1.0%26size%3Doriginal",
      "signature": "tR3+Ty81lMeYAr/Fid0kMTYa/WM=",
    },
  },
  {
    "id": "wiki-testcases-plaintext",
    "title": "PLAINTEXT request token",
    "source": "wiki.oauth.net TestCases (PLAINTEXT request token)",
    "note":
      "PLAINTEXT: the signature is the signing key itself, so the page masks it.",
    "fields": {
      "method": "POST",
      "url": "https://photos.example.net/request_token",
      "consumerKey": "dpf43f3p2l4k3l03",
      "consumerSecret": "kd94hf93k423kf44",
      "signatureMethod": "PLAINTEXT",
      "nonce": "hsu94j3884jdopsl",
      "timestamp": "1191242090",
      "version": true,
    },
    "expected": {
      "baseString":
        "POST&https%3A%2F%2Fphotos.example.net%2Frequest_token&oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3Dhsu94j3884jdopsl%26oauth_signature_method%3DPLAINTEXT%26oauth_timestamp%3D1191242090%26oauth_version%3D1.0",
      "signature": "kd94hf93k423kf44&",
    },
  },
  {
    "id": "x-docs-api.twitter.com-1.1",
    "title": "X docs: api.twitter.com/1.1",
    "source":
      "X/Twitter docs 'Creating a signature' (developer.twitter.com era URL)",
    "note":
      "X's 'Creating a signature' page. Its example has been published with three URLs over the years (api.twitter.com/1, api.twitter.com/1.1, api.x.com/1.1); the base string URI is signed, so each URL has its own signature, and all three are right.",
    "fields": {
      "method": "POST",
      "url":
        "https://api.twitter.com/1.1/statuses/update.json?include_entities=true",
      "consumerKey": "xvz1evFS4wEEPTGEFPHBog",
      "consumerSecret": "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
      "signatureMethod": "HMAC-SHA1",
      "nonce": "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg",
      "timestamp": "1318622958",
      "version": true,
      "token": "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
      "tokenSecret": "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
      "bodyKind": "form",
      "body":
        "status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21",
    },
    "expected": {
      "baseString":
        "POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521",
      "signature": "hCtSmYh+iHYCEqBWrE7C7hYmtUk=",
    },
  },
  {
    "id": "x-docs-api.twitter.com-1",
    "title": "X docs: api.twitter.com/1",
    "source":
      "X/Twitter docs (older '/1' URL, still in 'Authorizing a request')",
    "note":
      "The same request under the older /1 path: a different base string URI, so a different signature.",
    "fields": {
      "method": "POST",
      "url":
        "https://api.twitter.com/1/statuses/update.json?include_entities=true",
      "consumerKey": "xvz1evFS4wEEPTGEFPHBog",
      "consumerSecret": "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
      "signatureMethod": "HMAC-SHA1",
      "nonce": "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg",
      "timestamp": "1318622958",
      "version": true,
      "token": "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
      "tokenSecret": "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
      "bodyKind": "form",
      "body":
        "status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21",
    },
    "expected": {
      "baseString":
        "POST&https%3A%2F%2Fapi.twitter.com%2F1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521",
      "signature": "tnnArxj06cWHq44gCs1OSKk/jLY=",
    },
  },
  {
    "id": "x-docs-api.x.com-1.1",
    "title": "X docs: api.x.com/1.1",
    "source": "X docs example with today's api.x.com host",
    "note":
      "The same request under today's api.x.com host: a different base string URI, so a different signature.",
    "fields": {
      "method": "POST",
      "url": "https://api.x.com/1.1/statuses/update.json?include_entities=true",
      "consumerKey": "xvz1evFS4wEEPTGEFPHBog",
      "consumerSecret": "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
      "signatureMethod": "HMAC-SHA1",
      "nonce": "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg",
      "timestamp": "1318622958",
      "version": true,
      "token": "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
      "tokenSecret": "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
      "bodyKind": "form",
      "body":
        "status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21",
    },
    "expected": {
      "baseString":
        "POST&https%3A%2F%2Fapi.x.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521",
      "signature": "Ls93hJiZbQ3akF3HF3x1Bz8/zU4=",
    },
  },
  {
    "id": "lti-1.1-launch",
    "title": "LTI 1.1 basic launch",
    "source":
      "IMS LTI 1.1 basic launch (harvard-edtech/caccl-lti test fixture)",
    "note":
      "A form-encoded launch: every body parameter is signed, the empty roles= included.",
    "fields": {
      "method": "POST",
      "url": "https://localhost:8080/launch",
      "consumerKey": "5b6ee40cc9fcdaede550654a93307dcd",
      "consumerSecret": "c64d84750dcb21febd995058588f019f",
      "signatureMethod": "HMAC-SHA1",
      "nonce": "1rC2NGlkEacq5jD0u7msfCT0mRfOaFMz4jJyvHM4MsQ",
      "timestamp": "1536162928",
      "version": true,
      "bodyKind": "form",
      "body":
        "context_id=e05c24be1e&context_title=Section+955&launch_presentation_return_url=https%3A%2F%2Flearn-lti.herokuapp.com%2Ftool_return%2Fsignature_check%2F2%2F6862&lis_person_name_full=Dong+Miller&lti_message_type=basic-lti-launch-request&lti_version=LTI-1p0&resource_link_id=30fd061cfe&roles=&tool_consumer_instance_name=Organization+738&user_id=b029d74d0a",
    },
    "expected": {
      "baseString":
        "POST&https%3A%2F%2Flocalhost%3A8080%2Flaunch&context_id%3De05c24be1e%26context_title%3DSection%2520955%26launch_presentation_return_url%3Dhttps%253A%252F%252Flearn-lti.herokuapp.com%252Ftool_return%252Fsignature_check%252F2%252F6862%26lis_person_name_full%3DDong%2520Miller%26lti_message_type%3Dbasic-lti-launch-request%26lti_version%3DLTI-1p0%26oauth_consumer_key%3D5b6ee40cc9fcdaede550654a93307dcd%26oauth_nonce%3D1rC2NGlkEacq5jD0u7msfCT0mRfOaFMz4jJyvHM4MsQ%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1536162928%26oauth_version%3D1.0%26resource_link_id%3D30fd061cfe%26roles%3D%26tool_consumer_instance_name%3DOrganization%2520738%26user_id%3Db029d74d0a",
      "signature": "/tuo1sYQB8oKiKfbR7xB7ayuv0s=",
    },
  },
];
