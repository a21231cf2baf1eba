package io.batchkit.mr;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layout, enforced: a package per job above the shared {@code io} and {@code common}, which
 * know no job; {@code common} below {@code io}; no package cycle; no Hive function code.
 */
class ArchitectureTest {
  static final String[] JOBS = {
    "..mr.clean..",
    "..mr.aggregate..",
    "..mr.profile..",
    "..mr.enrich..",
    "..mr.upsert..",
    "..mr.split..",
    "..mr.convert..",
    "..mr.pipeline..",
    "..mr.compact..",
    "..mr.register..",
    "..mr.tools.."
  };

  static final JavaClasses JOBS_MODULE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.batchkit.mr");

  @Test
  void sharedCodeKnowsNoJob() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "..mr.io..", "..mr.common..", "..mr.quality..", "..mr.catalog..", "..mr.drift..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(JOBS)
        .check(JOBS_MODULE);
  }

  /**
   * A job stands on the shared packages, not on another job (profile reuses aggregate's sketches).
   */
  @Test
  void jobsDoNotUseEachOther() {
    String[] jobs = {"clean", "aggregate", "profile", "enrich", "upsert", "split", "convert"};
    for (String job : jobs) {
      String[] others =
          java.util.Arrays.stream(jobs)
              .filter(o -> !o.equals(job) && !(job.equals("profile") && o.equals("aggregate")))
              .map(o -> "..mr." + o + "..")
              .toArray(String[]::new);
      noClasses()
          .that()
          .resideInAPackage("..mr." + job + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(others)
          .check(JOBS_MODULE);
    }
  }

  /** The catalog knows tables and the metastore, nothing of batchkit but core's HiveTable. */
  @Test
  void theCatalogStandsOnCoreAlone() {
    noClasses()
        .that()
        .resideInAPackage("..mr.catalog..")
        .should()
        .dependOnClassesThat(
            JavaClass.Predicates.resideInAPackage("io.batchkit.mr..")
                .and(
                    DescribedPredicate.not(
                        JavaClass.Predicates.resideInAPackage("..mr.catalog.."))))
        .check(JOBS_MODULE);
  }

  @Test
  void commonIsBelowIo() {
    noClasses()
        .that()
        .resideInAPackage("..mr.common..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("..mr.io..")
        .check(JOBS_MODULE);
  }

  @Test
  void jobsDoNotUseTheHiveFunctions() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.batchkit.hive..")
        .check(JOBS_MODULE);
  }

  @Test
  void packagesFormNoCycle() {
    slices().matching("io.batchkit.mr.(*)..").should().beFreeOfCycles().check(JOBS_MODULE);
  }
}
