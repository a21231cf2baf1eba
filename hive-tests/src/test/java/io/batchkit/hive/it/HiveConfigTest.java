package io.batchkit.hive.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.conf.HiveConf;
import org.junit.jupiter.api.Test;

/**
 * The Hive keys of cluster-config/ (pseudo-cluster hive-site.xml, EMR hive-site classification) are
 * keys Hive's own HiveConf defines: no typos (Hadoop's keys are checked in mr-jobs).
 */
class HiveConfigTest {
  static final Path DIR = Path.of("../cluster-config").toAbsolutePath();

  static void known(String where, String key) {
    assertNotNull(HiveConf.getConfVars(key), where + ": " + key + " is not a key Hive 4 knows");
  }

  @Test
  void everyHiveKeyIsOneHiveConfDefines() throws Exception {
    Configuration c = new Configuration(false);
    c.addResource(new org.apache.hadoop.fs.Path(DIR.resolve("pseudo/hive-site.xml").toUri()));
    int n = 0;
    for (Map.Entry<String, String> e : c) {
      known("pseudo/hive-site.xml", e.getKey());
      n++;
    }
    assertTrue(n >= 6, "keys: " + n);
    JsonNode emr = new ObjectMapper().readTree(DIR.resolve("emr/configurations.json").toFile());
    for (JsonNode classification : emr) {
      if (classification.get("Classification").asText().equals("hive-site")) {
        Iterator<String> keys = classification.get("Properties").fieldNames();
        while (keys.hasNext()) {
          known("emr hive-site", keys.next());
        }
      }
    }
  }
}
