package io.batchkit.hive.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchkit.hive.Inspectors;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.serde2.objectinspector.ObjectInspector;
import org.apache.hadoop.security.alias.CredentialProvider;
import org.apache.hadoop.security.alias.CredentialProviderFactory;
import org.junit.jupiter.api.Test;

/**
 * The key comes from a Hadoop credential store: src/test/resources/core-site.xml points
 * hadoop.security.credential.provider.path at a keystore this test writes.
 */
class BkPseudonymizeTest {
  @Test
  void hmacSha256WithTheKeyFromTheCredentialStore() throws Exception {
    Path store = Path.of(System.getProperty("java.io.tmpdir"), "batchkit-test.jceks");
    Files.deleteIfExists(store);
    Configuration conf = new Configuration();
    CredentialProvider provider = CredentialProviderFactory.getProviders(conf).get(0);
    provider.createCredentialEntry(BkPseudonymize.KEY, "Jefe".toCharArray());
    provider.flush();

    BkPseudonymize f = new BkPseudonymize();
    f.initialize(new ObjectInspector[] {Inspectors.string()});
    // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?"
    assertEquals(
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        f.evaluate(Inspectors.values("what do ya want for nothing?")).toString());
    assertEquals(null, f.evaluate(Inspectors.values((Object) null)));
    Files.deleteIfExists(store);
  }
}
