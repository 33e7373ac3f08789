// Calls the loopback test server through the Huawei Cloud Node.js SDK core, the way a
// generated service client does, and prints the error one way, chosen by the first argument:
//   uncaught  let the rejection go unhandled (Node prints the stack and the object)
//   json      console.log(JSON.stringify(err))
//   log       console.log(err)
// The second argument picks the server's case (0230, 0232, 0308, 0201, 0999). The SDK's own
// error log (log4js, colored) is printed before any of these, as it always is.
'use strict';
const core = require('@huaweicloud/huaweicloud-sdk-core');
const { ClientBuilder } = require('@huaweicloud/huaweicloud-sdk-core/ClientBuilder');

const [mode = 'uncaught', kase = '0230'] = process.argv.slice(2);
const endpoint = process.env.BASE || 'http://127.0.0.1:8790';

// BmsClient mirrors a generated client's shape: a method builds request options and hands
// them to the HcClient.
class BmsClient {
  constructor(client) { this._client = client; }
  static newBuilder() { return new ClientBuilder((c) => new BmsClient(c)); }
  listBaremetalServers() {
    return this._client.sendRequest({
      method: 'GET',
      url: '/v1/{project_id}/' + kase + '/baremetalservers',
      contentType: 'application/json',
      queryParams: {},
      pathParams: {},
      headers: {},
      data: {},
    });
  }
}

const credentials = new core.BasicCredentials()
  .withAk('AKEXAMPLE0000000000')
  .withSk('SKEXAMPLE0000000000000000000000000000000')
  .withProjectId('0123456789abcdef0123456789abcdef');
const client = BmsClient.newBuilder().withCredential(credentials).withEndpoint(endpoint).build();

async function main() {
  if (mode === 'uncaught') {
    await client.listBaremetalServers();
    return;
  }
  try {
    await client.listBaremetalServers();
  } catch (err) {
    if (mode === 'json') {
      console.log(JSON.stringify(err));
    } else {
      console.log(err);
    }
  }
}
main();
