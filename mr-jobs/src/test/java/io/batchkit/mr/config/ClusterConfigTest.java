package io.batchkit.mr.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.batchkit.mr.testing.JvmOpens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.HdfsConfiguration;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every Hadoop key in cluster-config/ is one Hadoop 3.4 knows (it has a default in core-, hdfs-,
 * mapred- or yarn-default.xml) and none is deprecated; the EMR JSON parses and says what EMR needs.
 */
class ClusterConfigTest {
  static final Path DIR = Path.of("../cluster-config").toAbsolutePath();
  static final java.util.Set<String> KNOWN = new java.util.HashSet<>();

  @BeforeAll
  static void knownKeys() throws Exception {
    // Loading these classes registers every deprecated key name with Configuration.
    new HdfsConfiguration();
    new YarnConfiguration();
    new JobConf();
    // The names as the default files write them (Configuration itself drops keys whose default is
    // empty, and onlyKeyExists also asks for a new key's deprecated names).
    for (String r :
        List.of("core-default.xml", "hdfs-default.xml", "mapred-default.xml", "yarn-default.xml")) {
      try (java.io.InputStream in =
          ClusterConfigTest.class.getClassLoader().getResourceAsStream(r)) {
        org.w3c.dom.NodeList names =
            javax.xml.parsers.DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(in)
                .getElementsByTagName("name");
        for (int i = 0; i < names.getLength(); i++) {
          KNOWN.add(names.item(i).getTextContent().trim());
        }
      }
    }
    // Keys with no default in those files (mapreduce.map.java.opts, ...) are constants in code.
    for (Class<?> c :
        List.of(
            org.apache.hadoop.mapreduce.MRJobConfig.class,
            org.apache.hadoop.mapreduce.MRConfig.class,
            org.apache.hadoop.mapreduce.v2.jobhistory.JHAdminConfig.class,
            YarnConfiguration.class,
            org.apache.hadoop.hdfs.DFSConfigKeys.class,
            org.apache.hadoop.fs.CommonConfigurationKeysPublic.class)) {
      for (java.lang.reflect.Field f : c.getFields()) {
        if (f.getType() == String.class
            && java.lang.reflect.Modifier.isStatic(f.getModifiers())
            && !f.getName().startsWith("DEFAULT")) {
          KNOWN.add((String) f.get(null));
        }
      }
    }
    // hadoop-aws (org.apache.hadoop.fs.s3a.Constants) is not on this module's classpath; its keys
    // without a core-default.xml entry that the S3 profile uses:
    KNOWN.add("fs.s3a.endpoint.region");
    assertTrue(KNOWN.size() > 1000, "the default resources load: " + KNOWN.size());
  }

  static void checkHadoopKey(String where, String key) {
    assertFalse(Configuration.isDeprecated(key), where + ": " + key + " is deprecated");
    assertTrue(KNOWN.contains(key), where + ": " + key + " is not a key Hadoop 3.4 knows");
  }

  static Configuration load(Path xml) {
    Configuration c = new Configuration(false);
    c.addResource(new org.apache.hadoop.fs.Path(xml.toUri()));
    assertTrue(c.size() > 0, xml + " has properties");
    return c;
  }

  @Test
  void everyHadoopXmlUsesOnlyKnownCurrentKeys() throws Exception {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(DIR)) {
      s.filter(p -> p.toString().endsWith(".xml")).forEach(files::add);
    }
    assertTrue(files.size() >= 6, files.toString());
    int checked = 0;
    for (Path xml : files) {
      Configuration c = load(xml);
      for (Map.Entry<String, String> e : c) {
        if (xml.getFileName().toString().equals("hive-site.xml")) {
          // Hive's keys are checked against HiveConf by the Hive tests; here, their families.
          assertTrue(
              e.getKey().matches("(hive|javax\\.jdo|datanucleus)\\..+"), xml + ": " + e.getKey());
          continue;
        }
        checkHadoopKey(DIR.relativize(xml).toString(), e.getKey());
        checked++;
      }
    }
    assertTrue(checked > 25, "keys checked: " + checked);
  }

  @Test
  void thePseudoClusterIsSizedForASmallMachineAndOpensJava17ForTasks() {
    Configuration c = new Configuration(false);
    for (String f : List.of("core-site.xml", "hdfs-site.xml", "mapred-site.xml", "yarn-site.xml")) {
      c.addResource(new org.apache.hadoop.fs.Path(DIR.resolve("pseudo/" + f).toUri()));
    }
    assertEquals("hdfs://127.0.0.1:8020", c.get("fs.defaultFS"));
    assertEquals(1, c.getInt("dfs.replication", 3));
    int container = c.getInt("mapreduce.map.memory.mb", 0);
    int node = c.getInt("yarn.nodemanager.resource.memory-mb", 0);
    assertTrue(node >= 4 * container, "room for an AM and three tasks");
    for (String k :
        List.of(
            "mapreduce.map.java.opts",
            "mapreduce.reduce.java.opts",
            "yarn.app.mapreduce.am.command-opts")) {
      // The one list (the root pom's), not a copy that drifted.
      assertEquals(
          "-Xmx" + c.get(k).replaceAll(".*-Xmx(\\d+m).*", "$1") + " " + JvmOpens.list(),
          c.get(k),
          k);
      int heap = Integer.parseInt(c.get(k).replaceAll(".*-Xmx(\\d+)m.*", "$1"));
      assertTrue(heap < container, k + ": heap below the container size");
    }
    assertTrue(c.getInt("mapreduce.job.counters.max", 120) >= 500);
  }

  @Test
  void theS3ProfileHoldsNoCredentialsAndCommitsWithTheMagicCommitter() throws Exception {
    Configuration c = load(DIR.resolve("s3/s3a-site.xml"));
    assertEquals(null, c.getRaw("fs.s3a.access.key"));
    assertEquals(null, c.getRaw("fs.s3a.secret.key"));
    assertEquals("magic", c.get("fs.s3a.committer.name"));
    assertEquals("true", c.get("fs.s3a.path.style.access"));
    // ${env.X:-default} resolves to the default when the variable is unset
    String region = System.getenv("AWS_REGION");
    assertEquals(region == null ? "us-east-1" : region, c.get("fs.s3a.endpoint.region"));
    String xml = Files.readString(DIR.resolve("s3/s3a-site.xml"));
    assertFalse(xml.matches("(?s).*AKIA[0-9A-Z]{16}.*"), "no AWS access key id in the file");
  }

  @Test
  void theEmrFilesParseAndUseKnownKeys() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode configurations = json.readTree(DIR.resolve("emr/configurations.json").toFile());
    List<String> classifications = new ArrayList<>();
    for (JsonNode c : configurations) {
      String classification = c.get("Classification").asText();
      classifications.add(classification);
      Iterator<String> keys = c.get("Properties").fieldNames();
      while (keys.hasNext()) {
        String key = keys.next();
        if (classification.equals("hive-site")) {
          assertTrue(key.startsWith("hive."), key);
        } else {
          checkHadoopKey("emr " + classification, key);
        }
        assertTrue(c.get("Properties").get(key).isTextual(), "EMR wants string values: " + key);
      }
    }
    assertEquals(List.of("mapred-site", "yarn-site", "core-site", "hive-site"), classifications);
    JsonNode cluster = json.readTree(DIR.resolve("emr/cluster.json").toFile());
    assertTrue(cluster.get("ReleaseLabel").asText().matches("emr-7\\.\\d+\\.\\d+"));
    assertTrue(cluster.get("LogUri").asText().startsWith("s3://"));
    List<String> apps = new ArrayList<>();
    cluster.get("Applications").forEach(a -> apps.add(a.get("Name").asText()));
    assertEquals(List.of("Hadoop", "Hive"), apps);
  }
}
