package app.fanloop.beta;

import org.jboss.resteasy.reactive.RestForm;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A fan's application: the device they will test on, its system version, and their answers to the program's questions. */
public record ApplicationForm(
        @RestForm @NotBlank @Size(max = 120) String device,
        @RestForm @Size(max = 60) String systemVersion,
        @RestForm @Size(max = 2000) String answer1,
        @RestForm @Size(max = 2000) String answer2) {

    public static ApplicationForm empty() {
        return new ApplicationForm("", "", "", "");
    }
}
