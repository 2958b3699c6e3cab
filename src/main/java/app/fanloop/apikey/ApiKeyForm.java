package app.fanloop.apikey;

import java.util.List;

import org.jboss.resteasy.reactive.RestForm;

import app.fanloop.member.Role;
import app.fanloop.member.Scope;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What an admin types to make a key: the integration's name (its bot's name), the bot's role and the key's scopes. */
public record ApiKeyForm(
        @RestForm @NotBlank @Size(max = 100) String name,
        @RestForm @NotBlank @Pattern(regexp = "fan|pm|admin") String role,
        @RestForm List<String> scopes) {

    /** Every member is a fan; a bot with no wider role is one. */
    public static final String FAN = "fan";
    public static final List<String> ROLES = List.of(FAN, Role.PM, Role.ADMIN);

    public static ApiKeyForm empty() {
        return new ApiKeyForm("", FAN, List.of(Scope.READ));
    }

    /** At least one scope, and only scopes the API knows. */
    @AssertTrue(message = "scopes")
    public boolean isScopesChosen() {
        return scopes != null && !scopes.isEmpty() && Scope.ALL.containsAll(scopes);
    }

    public boolean has(String scope) {
        return scopes != null && scopes.contains(scope);
    }

    /** The roles the bot member gets in the app (its local roles): none for a fan. */
    String[] localRoles() {
        return FAN.equals(role) ? new String[0] : new String[] { role };
    }

    /** The chosen scopes in the API's order, each once. */
    String[] chosenScopes() {
        return Scope.ALL.stream().filter(this::has).toArray(String[]::new);
    }
}
