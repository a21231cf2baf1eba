package io.batchkit.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The module rule, enforced: core is plain Java that the MapReduce jobs and the Hive functions
 * share, so it knows neither Hadoop nor Hive; and its packages form no cycle.
 */
class ArchitectureTest {
  static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.batchkit.core");

  @Test
  void coreKnowsNoHadoopNorHive() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.hadoop..", "org.apache.hive..", "io.batchkit.mr..")
        .check(CORE);
  }

  @Test
  void corePackagesFormNoCycle() {
    slices().matching("io.batchkit.core.(*)..").should().beFreeOfCycles().check(CORE);
  }
}
