package app.fanloop.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import jakarta.ws.rs.HttpMethod;

/**
 * Every route of the app that changes state, read from the REST metadata of the compiled classes:
 * each resource method in {@code app.fanloop} whose HTTP method is not GET, HEAD or OPTIONS, with its
 * full path (class {@code @Path} + method {@code @Path}). A route with an {@code {action}} segment is
 * one route per action its method knows (the strings it compares the action with), so that a new
 * action needs a row of its own too.
 */
public final class MutatingRoutes {

    static final String BASE_PACKAGE = "app.fanloop";
    static final String ACTION = "{action}";

    private MutatingRoutes() {
    }

    /** "POST /admin/reports/{type}/{id}/{action}" and where it is declared. */
    record Route(String method, String path, String declaredBy) {
        String key() {
            return method + " " + path;
        }
    }

    /** The routes, with {action} already replaced by each action value, sorted by key. */
    static List<Route> find() {
        List<Route> routes = new ArrayList<>();
        for (Class<?> type : classes()) {
            String classPath = pathOf(type.getAnnotation(jakarta.ws.rs.Path.class));
            for (Method m : type.getDeclaredMethods()) {
                String http = httpMethod(m);
                jakarta.ws.rs.Path methodPath = m.getAnnotation(jakarta.ws.rs.Path.class);
                if (http == null) {
                    if (methodPath != null && classPath != null) {
                        // A sub-resource locator would hide its routes from this scan.
                        throw new AssertionError("Sub-resource locator " + type.getName() + "." + m.getName()
                                + ": teach MutatingRoutes to follow it");
                    }
                    continue;
                }
                if (Set.of("GET", "HEAD", "OPTIONS").contains(http)) {
                    continue;
                }
                String path = join(classPath, pathOf(methodPath));
                String where = type.getSimpleName() + "." + m.getName();
                if (path.contains(ACTION)) {
                    Set<String> actions = comparedStrings(type, m.getName());
                    if (actions.isEmpty()) {
                        throw new AssertionError(where + " has an {action} segment but compares it with no string: "
                                + "teach MutatingRoutes where its actions are listed");
                    }
                    for (String action : actions) {
                        routes.add(new Route(http, path.replace(ACTION, action), where));
                    }
                } else {
                    routes.add(new Route(http, path, where));
                }
            }
        }
        routes.sort((a, b) -> a.key().compareTo(b.key()));
        return routes;
    }

    /** The HTTP method a resource method answers (its @GET, @POST… annotation), or null. */
    public static String httpMethod(Method m) {
        for (Annotation a : m.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    private static String pathOf(jakarta.ws.rs.Path path) {
        return path == null ? null : path.value();
    }

    /** "/" + "boards/{slug}/follow" → "/boards/{slug}/follow"; "{id: \\d+}" → "{id}". */
    public static String join(String classPath, String methodPath) {
        String joined = "/" + (classPath == null ? "" : classPath) + "/" + (methodPath == null ? "" : methodPath);
        joined = joined.replaceAll("\\{\\s*([A-Za-z0-9_]+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** The main (not test) classes of the app's packages. */
    public static List<Class<?>> classes() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Path root = classesRoot(loader);
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve(BASE_PACKAGE.replace('.', '/')))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = root.relativize(file).toString().replace('\\', '/').replace('/', '.');
                name = name.substring(0, name.length() - ".class".length());
                found.add(Class.forName(name, false, loader));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("Cannot load a compiled class", e);
        }
        if (found.isEmpty()) {
            throw new AssertionError("No classes found under " + root);
        }
        return found;
    }

    /** The directory the main classes were compiled to (target/classes), found from a known class. */
    private static Path classesRoot(ClassLoader loader) {
        String known = "app/fanloop/member/Viewer.class";
        URL url = loader.getResource(known);
        if (url != null && "file".equals(url.getProtocol())) {
            try {
                Path file = Paths.get(url.toURI());
                return file.getRoot().resolve(file.subpath(0, file.getNameCount() - known.split("/").length));
            } catch (URISyntaxException e) {
                throw new AssertionError(e);
            }
        }
        Path fallback = Paths.get("target", "classes");
        if (Files.isRegularFile(fallback.resolve(known))) {
            return fallback;
        }
        throw new AssertionError("Cannot find the compiled main classes (looked at " + url + " and " + fallback + ")");
    }

    /**
     * The string constants a method compares with {@code String.equals}: the labels of a
     * {@code switch} on a string and {@code x.equals("…")} tests.
     */
    static Set<String> comparedStrings(Class<?> type, String methodName) {
        Set<String> values = new TreeSet<>();
        String resource = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("No bytecode for " + type.getName());
            }
            new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    if (!name.equals(methodName)) {
                        return null;
                    }
                    return new MethodVisitor(Opcodes.ASM9) {
                        private String lastConstant;

                        @Override
                        public void visitLdcInsn(Object value) {
                            lastConstant = value instanceof String s ? s : null;
                        }

                        @Override
                        public void visitMethodInsn(int opcode, String owner, String called, String desc, boolean itf) {
                            if (lastConstant != null && owner.equals("java/lang/String") && called.equals("equals")) {
                                values.add(lastConstant);
                            }
                            lastConstant = null;
                        }

                        @Override
                        public void visitInsn(int opcode) {
                            lastConstant = null;
                        }

                        @Override
                        public void visitVarInsn(int opcode, int var) {
                            lastConstant = null;
                        }

                        @Override
                        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
                            lastConstant = null;
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return values;
    }
}
