package io.batchkit.hive;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The module rule, enforced: the Hive functions stand on core alone, never on the MapReduce jobs
 * (their jar is added to Hive without the jobs'), and their packages form no cycle.
 */
class ArchitectureTest {
  static final JavaClasses UDFS =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.batchkit.hive");

  @Test
  void hiveFunctionsDoNotUseTheJobs() {
    noClasses().should().dependOnClassesThat().resideInAPackage("io.batchkit.mr..").check(UDFS);
  }

  @Test
  void hivePackagesFormNoCycle() {
    slices().matching("io.batchkit.hive.(*)..").should().beFreeOfCycles().check(UDFS);
  }
}
