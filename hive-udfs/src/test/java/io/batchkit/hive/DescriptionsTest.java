package io.batchkit.hive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.hive.ql.exec.Description;
import org.junit.jupiter.api.Test;

/**
 * The list of Hive functions has one source, the classes annotated with {@code @Description}:
 * {@code hql/functions.hql}, its copy in docs/hive.md and that page's table are checked against it,
 * and every function shows a usage and an example in DESCRIBE FUNCTION EXTENDED.
 */
class DescriptionsTest {
  static final Path ROOT = Path.of("..");

  /** Function name -> the class Hive loads (binary name: {@code Outer$Inner} for nested ones). */
  static Map<String, Class<?>> functions() {
    Map<String, Class<?>> out = new TreeMap<>();
    for (JavaClass c :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.batchkit.hive")) {
      if (c.isAnnotatedWith(Description.class)) {
        Class<?> k = c.reflect();
        Class<?> previous = out.put(k.getAnnotation(Description.class).name(), k);
        assertTrue(previous == null, "two classes are named " + c.getName());
      }
    }
    return out;
  }

  /** The CREATE FUNCTION lines the annotated classes call for, sorted. */
  static List<String> createStatements() {
    return functions().entrySet().stream()
        .map(
            e ->
                "CREATE TEMPORARY FUNCTION " + e.getKey() + " AS '" + e.getValue().getName() + "';")
        .sorted()
        .toList();
  }

  static List<String> creates(String text) {
    return text.lines()
        .filter(l -> l.startsWith("CREATE TEMPORARY FUNCTION "))
        .sorted()
        .collect(Collectors.toList());
  }

  @Test
  void everyFunctionDescribesItselfWithAnExample() {
    Map<String, Class<?>> functions = functions();
    assertTrue(functions.size() >= 13, "found " + functions.keySet());
    functions.forEach(
        (name, c) -> {
          Description d = c.getAnnotation(Description.class);
          assertTrue(name.startsWith("bk_"), name);
          assertTrue(d.value().startsWith("_FUNC_("), c + ": usage");
          int example = d.extended().indexOf("Example:\n  > ");
          assertTrue(example >= 0 && d.extended().indexOf("_FUNC_", example) > 0, c + ": example");
        });
  }

  @Test
  void functionsHqlRegistersExactlyTheAnnotatedClasses() throws IOException {
    assertEquals(createStatements(), creates(Files.readString(ROOT.resolve("hql/functions.hql"))));
  }

  @Test
  void theHivePageCopiesFunctionsHqlAndDescribesEveryFunction() throws IOException {
    String readme = Files.readString(ROOT.resolve("docs/hive.md"));
    assertEquals(createStatements(), creates(readme));
    List<String> tableRows = readme.lines().filter(l -> l.startsWith("| `bk_")).toList();
    for (String name : functions().keySet()) {
      assertTrue(
          tableRows.stream().anyMatch(r -> r.contains("`" + name + "(")),
          name + " has a row in docs/hive.md's table of functions");
    }
  }
}
